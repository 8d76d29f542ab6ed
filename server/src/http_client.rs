//! One small HTTP/1.1 client (hyper's, with a keep-alive pool) for what talks to a server: the
//! adder forwarding to the database, the load driver, the throughput bench.

use std::time::Duration;

use http_body_util::{BodyExt as _, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

/// The largest body read from an answer: the adder answers a number or a sentence.
const BODY_BYTES_MAX: usize = 64 * 1024;

#[derive(Clone)]
pub struct Client {
    inner: HyperClient<HttpConnector, Empty<Bytes>>,
    timeout: Duration,
}

/// An answer: its status code and its body as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub body: String,
    /// The `x-served-by` header: which pod (process) answered.
    pub served_by: Option<String>,
}

impl Client {
    pub fn new(timeout: Duration) -> Client {
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        connector.set_connect_timeout(Some(timeout));
        let inner = HyperClient::builder(TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(30))
            .build(connector);
        Client { inner, timeout }
    }

    /// GETs `url`; `Err` says why nothing came back (refused, reset, timed out), in words.
    pub async fn get(&self, url: &str, request_id: Option<u64>) -> Result<Reply, String> {
        let mut request = hyper::Request::get(url);
        if let Some(id) = request_id {
            request = request.header("x-request-id", id);
        }
        let request = request
            .body(Empty::new())
            .map_err(|error| format!("bad URL {url}: {error}"))?;
        let exchange = async {
            let response = self.inner.request(request).await.map_err(|error| {
                // hyper-util's error says "client error (Connect)"; its source says why.
                let mut words = error.to_string();
                let mut source = std::error::Error::source(&error);
                while let Some(cause) = source {
                    words = format!("{words}: {cause}");
                    source = cause.source();
                }
                words
            })?;
            let status = response.status().as_u16();
            let served_by = response
                .headers()
                .get("x-served-by")
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned);
            let body = http_body_util::Limited::new(response.into_body(), BODY_BYTES_MAX)
                .collect()
                .await
                .map_err(|error| format!("reading the answer: {error}"))?
                .to_bytes();
            Ok(Reply {
                status,
                body: String::from_utf8_lossy(&body).into_owned(),
                served_by,
            })
        };
        match tokio::time::timeout(self.timeout, exchange).await {
            Ok(reply) => reply,
            Err(_) => Err(format!("no answer within {} ms", self.timeout.as_millis())),
        }
    }
}
