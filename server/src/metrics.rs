//! What the server counts, for Prometheus (`GET /metrics`, its text format): requests by route
//! and status, how long each route takes (the sync requests' latency), pushes, operations stored,
//! refused (by reason) and quarantined. Counted per process: Prometheus scraping several processes
//! sums them. Counts only: nothing about a person, a device or a centre.

use std::sync::LazyLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, Opts, Registry, TextEncoder,
};

/// The process's counters.
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    pushes: IntCounter,
    stored: IntCounter,
    refused: IntCounterVec,
    quarantined: IntCounter,
}

/// This process's metrics.
pub static METRICS: LazyLock<Metrics> = LazyLock::new(Metrics::new);

impl Metrics {
    fn new() -> Self {
        let registry = Registry::new();
        let counter = |name: &str, help: &str| {
            let c = IntCounter::new(name, help).expect("a valid counter");
            registry
                .register(Box::new(c.clone()))
                .expect("registered once");
            c
        };
        let requests = IntCounterVec::new(
            Opts::new(
                "aiguillage_http_requests_total",
                "HTTP requests answered, by route and status.",
            ),
            &["route", "status"],
        )
        .expect("a valid counter");
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "aiguillage_http_request_duration_seconds",
                "Time to answer a request, by route (sync latency on /api/v1/sync/*).",
            )
            .buckets(vec![
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
            ]),
            &["route"],
        )
        .expect("a valid histogram");
        let refused = IntCounterVec::new(
            Opts::new(
                "aiguillage_operations_refused_total",
                "Pushed or bundled batches refused, by reason (invalid, gap, forbidden, erased).",
            ),
            &["reason"],
        )
        .expect("a valid counter");
        registry
            .register(Box::new(requests.clone()))
            .expect("registered once");
        registry
            .register(Box::new(latency.clone()))
            .expect("registered once");
        registry
            .register(Box::new(refused.clone()))
            .expect("registered once");
        Metrics {
            pushes: counter(
                "aiguillage_pushes_total",
                "Batches stored (a push, or a bundle's batch).",
            ),
            stored: counter(
                "aiguillage_operations_stored_total",
                "Operations stored for the first time (a resent one is not counted again).",
            ),
            quarantined: counter(
                "aiguillage_operations_quarantined_total",
                "Operations kept aside: their seq was held with another body.",
            ),
            registry,
            requests,
            latency,
            refused,
        }
    }

    /// A batch stored, holding `new` operations the server did not have.
    pub fn stored(&self, new: usize) {
        self.pushes.inc();
        self.stored.inc_by(new as u64);
    }

    /// A batch refused for `reason` (the error's code); a conflict is a quarantine.
    pub fn refused(&self, reason: &str) {
        match reason {
            "conflict" => self.quarantined.inc(),
            reason => self.refused.with_label_values(&[reason]).inc(),
        }
    }

    /// Everything counted, in Prometheus' text format.
    pub fn text(&self) -> String {
        let mut out = Vec::new();
        // Encoding counters into memory does not fail.
        let _ = TextEncoder::new().encode(&self.registry.gather(), &mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}

/// Counts each request by its route (the pattern, never the path's values) and times it.
pub async fn track(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    METRICS
        .latency
        .with_label_values(&[&route])
        .observe(started.elapsed().as_secs_f64());
    METRICS
        .requests
        .with_label_values(&[&route, response.status().as_str()])
        .inc();
    response
}

/// `GET /metrics`.
pub async fn endpoint() -> ([(axum::http::header::HeaderName, &'static str); 1], String) {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4",
        )],
        METRICS.text(),
    )
}
