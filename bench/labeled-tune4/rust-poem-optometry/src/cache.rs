use redis::AsyncCommands;
use serde::{de::DeserializeOwned, Serialize};

#[derive(Clone)]
pub struct Cache {
    client: redis::Client,
}

impl Cache {
    pub fn new(url: &str) -> anyhow::Result<Self> {
        Ok(Self { client: redis::Client::open(url)? })
    }

    pub async fn put<T: Serialize>(&self, key: &str, value: &T, ttl: u64) -> anyhow::Result<()> {
        let mut con = self.client.get_multiplexed_async_connection().await?;
        let body = serde_json::to_string(value)?;
        con.set_ex::<_, _, ()>(key, body, ttl).await?;
        Ok(())
    }

    pub async fn get<T: DeserializeOwned>(&self, key: &str) -> anyhow::Result<Option<T>> {
        let mut con = self.client.get_multiplexed_async_connection().await?;
        let raw: Option<String> = con.get(key).await?;
        Ok(raw.map(|r| serde_json::from_str(&r)).transpose()?)
    }
}
