//! Support shared by the server's tests and benchmarks (built with the `fault-injection`
//! feature only): starting a server process and reading the address it announces, and making a
//! fresh PostgreSQL database on the server `scripts/test` started.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Starts `bin` with `args` (ending in `serve …`) and returns the child and the address line's
/// URL (`http://…` or `https://…`), waiting at most 20 seconds for it.
pub fn spawn_serving(bin: &str, args: &[&str], env: &[(&str, &str)]) -> (Child, String) {
    let mut child = Command::new(bin)
        .args(args)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server binary starts");
    let stdout = child.stdout.take().expect("stdout is piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("the server prints its address within 20 s");
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .expect("the first line is the address")
        .to_owned();
    (child, url)
}

/// A fresh, empty database on the PostgreSQL server `base` (`postgres://user@host:port`), named
/// `{prefix}_{uuid}`; returns its URL.
pub fn create_postgres_database(base: &str, prefix: &str) -> String {
    let name = format!("{prefix}_{}", uuid::Uuid::now_v7().simple());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let (client, connection) =
            tokio_postgres::connect(&format!("{base}/postgres"), tokio_postgres::NoTls)
                .await
                .expect("the test PostgreSQL answers");
        tokio::spawn(connection);
        client
            .execute(&format!("CREATE DATABASE {name}"), &[])
            .await
            .expect("a database can be created");
    });
    format!("{base}/{name}")
}
