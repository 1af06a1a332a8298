//! Support shared by the server's tests and benchmarks (built with the `fault-injection`
//! feature only): starting a server process and reading the address it announces, and a fresh
//! PostgreSQL database on the server `AIGUILLAGE_TEST_POSTGRES` names, or on a throwaway one
//! started here when it names none (as `scripts/postgres` does), so a plain `cargo test` runs
//! every backend.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

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

/// The PostgreSQL server of this test process: `AIGUILLAGE_TEST_POSTGRES`, or one started the
/// first time it is asked for, stopped and removed when the process ends.
///
/// # Panics
/// When no PostgreSQL is installed (Debian's `postgresql` package) or it does not start.
pub fn postgres_server() -> String {
    static SERVER: OnceLock<String> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            std::env::var("AIGUILLAGE_TEST_POSTGRES").unwrap_or_else(|_| start_throwaway_postgres())
        })
        .clone()
}

/// The newest `/usr/lib/postgresql/<version>/bin`.
fn postgres_bin() -> PathBuf {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse().ok()?;
            Some((version, e.path().join("bin")))
        })
        .collect();
    found.sort();
    found
        .pop()
        .map(|(_, bin)| bin)
        .expect("no PostgreSQL under /usr/lib/postgresql: install Debian's postgresql, or set AIGUILLAGE_TEST_POSTGRES")
}

/// A command run as the `postgres` user when this process is root (PostgreSQL refuses root).
fn as_postgres(program: &Path) -> Command {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
    if root {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

/// Starts PostgreSQL in a temporary directory on a free loopback port, watched by a shell that
/// stops it and removes the directory once this process is gone; returns its URL.
// The watcher must outlive this process, which therefore never waits for it: init reaps it.
#[allow(clippy::zombie_processes)]
fn start_throwaway_postgres() -> String {
    let bin = postgres_bin();
    let dir = tempfile::Builder::new()
        .prefix("aiguillage-pg-")
        .tempdir()
        .expect("a temporary directory")
        .keep();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    // When root, the cluster belongs to the package's postgres user.
    let _ = Command::new("chown").arg("postgres").arg(&dir).status();
    let data = dir.join("data");
    let initdb = as_postgres(&bin.join("initdb"))
        .arg("-D")
        .arg(&data)
        .args(["--auth=trust", "-U", "postgres"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("initdb runs");
    assert!(initdb.success(), "initdb failed in {}", dir.display());
    let quoted = |command: Command| -> Vec<String> {
        std::iter::once(command.get_program())
            .chain(command.get_args())
            .map(|a| format!("'{}'", a.to_string_lossy()))
            .collect()
    };
    let stop = quoted(as_postgres(&bin.join("pg_ctl"))).join(" ");
    let mut line = quoted(as_postgres(&bin.join("postgres")));
    line.extend([
        "-D".into(),
        format!("'{}'", data.display()),
        "-p".into(),
        port.to_string(),
        "-k".into(),
        format!("'{}'", dir.display()),
        "-c listen_addresses=127.0.0.1 -c max_connections=200".into(),
    ]);
    // The watcher outlives nothing: it polls this process and stops the server after it.
    let watch = format!(
        "{} >'{dir}/server.log' 2>&1 & while kill -0 {me} 2>/dev/null; do sleep 1; done; {stop} -D '{data}' -m fast stop; rm -rf '{dir}'",
        line.join(" "),
        data = data.display(),
        dir = dir.display(),
        me = std::process::id(),
    );
    Command::new("sh")
        .args(["-c", &watch])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the PostgreSQL watcher starts");
    let url = format!("postgres://postgres@127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let ready = Command::new(bin.join("pg_isready"))
            .args(["-h", "127.0.0.1", "-p", &port.to_string(), "-q"])
            .status()
            .is_ok_and(|s| s.success());
        if ready {
            return url;
        }
        assert!(
            Instant::now() < deadline,
            "the throwaway PostgreSQL did not accept connections within 30 s (see {}/server.log)",
            dir.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The API served inside the test process on a free loopback port, for the tests where the
/// process itself is not the point: no binary to spawn, no output to read. Stopped when dropped.
pub struct InProcess {
    pub url: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl InProcess {
    /// Serves the database `db` (`sqlite://PATH` or `postgres://…`).
    ///
    /// # Panics
    /// When the database cannot be opened or no port is free.
    pub fn start(db: &str) -> InProcess {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (ready, url) = std::sync::mpsc::channel();
        let db = db.to_owned();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("a runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("a free loopback port");
                let local = listener.local_addr().expect("a bound address");
                let app = match db.strip_prefix("sqlite://") {
                    Some(path) => crate::router(
                        crate::storage::sqlite::Sqlite::open(Path::new(path))
                            .expect("the SQLite database opens"),
                    ),
                    None => crate::router(
                        crate::storage::postgres::Postgres::connect(&db)
                            .await
                            .expect("the PostgreSQL database opens"),
                    ),
                };
                let _ = ready.send(format!("http://{local}"));
                let _ = axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = stopped.await;
                    })
                    .await;
            });
        });
        let url = url
            .recv_timeout(Duration::from_secs(20))
            .expect("the in-process server listens within 20 s");
        InProcess {
            url,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// Stops serving and waits until the server is gone.
    pub fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for InProcess {
    fn drop(&mut self) {
        self.stop();
    }
}
