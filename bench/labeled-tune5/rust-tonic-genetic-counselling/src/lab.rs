//! Reference-lab order entry over gRPC (the lab publishes the proto; generated as `lab.v2`).
use serde_json::json;
use tonic::transport::Channel;

pub struct LabClient {
    channel: Channel,
}

impl LabClient {
    pub async fn connect(endpoint: &str) -> anyhow::Result<Self> {
        let channel = Channel::from_shared(endpoint.to_string())?.connect().await?;
        Ok(Self { channel })
    }

    pub async fn submit(&self, payload: serde_json::Value) -> anyhow::Result<String> {
        let mut client = tonic::client::Grpc::new(self.channel.clone());
        client.ready().await?;
        // The lab's JSON-over-gRPC bridge accepts a single bytes field.
        let body = serde_json::to_vec(&json!({ "order": payload }))?;
        let path = http::uri::PathAndQuery::from_static("/lab.v2.Orders/Submit");
        let resp: tonic::Response<prost::bytes::Bytes> =
            client.unary(tonic::Request::new(prost::bytes::Bytes::from(body)), path, tonic::codec::ProstCodec::default()).await?;
        Ok(String::from_utf8_lossy(resp.get_ref()).to_string())
    }
}
