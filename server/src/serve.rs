//! Serving the API: plain HTTP (on loopback, or behind a TLS reverse proxy) or HTTPS with the
//! given certificate, until SIGTERM or Ctrl-C, letting requests under way finish.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context as _;

use aiguillage_server::router;
use aiguillage_server::storage::console::ConsoleStorage;

use crate::BadInput;

pub async fn serve<S: ConsoleStorage>(
    storage: S,
    listen: SocketAddr,
    tls: Option<(PathBuf, PathBuf)>,
) -> anyhow::Result<()> {
    let listener = std::net::TcpListener::bind(listen)
        .with_context(|| format!("cannot listen on {listen}"))?;
    let local = listener.local_addr()?;
    let app = router(storage);
    match tls {
        Some((cert, key)) => {
            let config = axum_server::tls_rustls::RustlsConfig::from_pem_file(&cert, &key)
                .await
                .map_err(|e| {
                    BadInput(format!(
                        "{} / {}: not a usable PEM certificate and key ({e})",
                        cert.display(),
                        key.display()
                    ))
                })?;
            // Tests and scripts read the bound address (port 0 picks a free one) from this line.
            println!("listening on https://{local}");
            tracing::info!(%local, "serving HTTPS");
            let handle = axum_server::Handle::new();
            let stopping = handle.clone();
            tokio::spawn(async move {
                shutdown().await;
                stopping.graceful_shutdown(Some(std::time::Duration::from_secs(10)));
            });
            axum_server::from_tcp_rustls(listener, config)?
                .handle(handle)
                .serve(app.into_make_service())
                .await?;
        }
        None => {
            if !local.ip().is_loopback() {
                tracing::warn!(%local, "serving plain HTTP beyond loopback: put it behind a TLS reverse proxy or pass --tls-cert and --tls-key");
            }
            listener.set_nonblocking(true)?;
            let listener = tokio::net::TcpListener::from_std(listener)?;
            println!("listening on http://{local}");
            tracing::info!(%local, "serving");
            axum::serve(listener, app)
                .with_graceful_shutdown(shutdown())
                .await?;
        }
    }
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}
