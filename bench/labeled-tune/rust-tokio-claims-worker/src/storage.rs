use std::path::PathBuf;
use std::time::Duration;

use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::ServerSideEncryption;
use aws_sdk_s3::Client;

use crate::config;

pub struct Archive {
    s3: Client,
    cfg: config::S3,
    spool_dir: PathBuf,
}

impl Archive {
    pub fn new(s3: Client, cfg: config::S3, spool: &config::Spool) -> Self {
        Self { s3, cfg, spool_dir: PathBuf::from(&spool.directory) }
    }

    pub async fn put_sealed(&self, key: &str, sealed: Vec<u8>) -> anyhow::Result<()> {
        self.s3
            .put_object() // SAFE(storage): client-side sealed body plus SSE-KMS
            .bucket(&self.cfg.bucket)
            .key(key)
            .body(ByteStream::from(sealed))
            .server_side_encryption(ServerSideEncryption::AwsKms)
            .ssekms_key_id(&self.cfg.kms_key_id)
            .send()
            .await?;
        Ok(())
    }

    pub async fn put_json(&self, bucket: &str, key: &str, body: Vec<u8>) -> anyhow::Result<()> {
        self.s3.put_object().bucket(bucket).key(key).content_type("application/json").body(ByteStream::from(body)).send().await?;
        Ok(())
    }

    pub async fn eob_link(&self, key: &str) -> anyhow::Result<String> {
        let ttl = Duration::from_secs(self.cfg.eob_link_ttl_secs);
        let req = self.s3.get_object().bucket(&self.cfg.eob_bucket).key(key).presigned(PresigningConfig::expires_in(ttl)?).await?;
        Ok(req.uri().to_string())
    }

    pub fn eob_bucket(&self) -> &str {
        &self.cfg.eob_bucket
    }

    pub async fn spool(&self, name: &str, bytes: &[u8]) -> anyhow::Result<PathBuf> {
        tokio::fs::create_dir_all(&self.spool_dir).await?;
        let path = self.spool_dir.join(name);
        tokio::fs::write(&path, bytes).await?;
        Ok(path)
    }
}
