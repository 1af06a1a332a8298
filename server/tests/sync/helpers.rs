use std::path::Path;
use std::process::{Child, Command};
use std::time::Duration;

use aiguillage_core::{Mode, Workspace};
use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_aiguillage-server");

/// A server on a free loopback port, stopped when dropped: served inside the test process, or a
/// process of the real binary where the process is the point (signals, a kill at a chosen
/// instant, options of `serve`, fault switches from the environment).
pub struct Server {
    pub url: String,
    pub db: String,
    running: Running,
    pub dir: tempfile::TempDir,
}

enum Running {
    Process(Child),
    InProcess(aiguillage_server::testing::InProcess),
}

/// The storage a test runs against; every behaviour test runs once per backend.
#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Generates one test per backend for each behaviour function `f(Backend)`.
#[macro_export]
macro_rules! on_every_backend {
    ($($name:ident),* $(,)?) => {
        $(mod $name {
            #[test]
            fn sqlite() {
                super::$name($crate::helpers::Backend::Sqlite)
            }
            #[test]
            fn postgres() {
                super::$name($crate::helpers::Backend::Postgres)
            }
        })*
    };
}

/// A fresh PostgreSQL database, on the server `scripts/test` started or on one of this test
/// process's own.
pub fn postgres_database() -> String {
    let base = aiguillage_server::testing::postgres_server();
    aiguillage_server::testing::create_postgres_database(&base, "t")
}

/// A fresh database of `backend` and the folder beside it.
fn database(backend: Backend) -> (String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = match backend {
        Backend::Sqlite => format!("sqlite://{}", dir.path().join("server.sqlite3").display()),
        Backend::Postgres => postgres_database(),
    };
    (db, dir)
}

impl Server {
    /// The API on a fresh database, served in the test process.
    pub fn start(backend: Backend) -> Server {
        let (db, dir) = database(backend);
        Server::start_on(db, dir)
    }

    /// The API on `db`, served in the test process.
    pub fn start_on(db: String, dir: tempfile::TempDir) -> Server {
        let served = aiguillage_server::testing::InProcess::start(&db);
        Server {
            url: served.url.clone(),
            db,
            running: Running::InProcess(served),
            dir,
        }
    }

    /// A process of the real binary serving a fresh database.
    pub fn process(backend: Backend) -> Server {
        let (db, dir) = database(backend);
        Server::start_with_env(db, dir, &[])
    }

    pub fn start_with_env(db: String, dir: tempfile::TempDir, env: &[(&str, &str)]) -> Server {
        Server::start_with(db, dir, env, &[])
    }

    /// A server started with more `serve` options.
    pub fn start_with(
        db: String,
        dir: tempfile::TempDir,
        env: &[(&str, &str)],
        serve_options: &[&str],
    ) -> Server {
        let mut args = vec!["--db", db.as_str(), "--listen", "127.0.0.1:0", "serve"];
        args.extend_from_slice(serve_options);
        let (child, url) = aiguillage_server::testing::spawn_serving(BIN, &args, env);
        Server {
            url,
            db,
            running: Running::Process(child),
            dir,
        }
    }

    /// Runs an admin command on the same database; returns stdout, panics on failure.
    pub fn admin(&self, args: &[&str]) -> String {
        let out = self.admin_raw(args);
        assert!(
            out.status.success(),
            "admin {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn admin_raw(&self, args: &[&str]) -> std::process::Output {
        Command::new(BIN)
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .output()
            .unwrap()
    }

    /// Writes `bundle` to a file, as a device does, and runs `bundle import` on it.
    pub fn import_bundle(&self, bundle: &aiguillage_domain::sync::Bundle) -> std::process::Output {
        let file = self.dir.path().join("bundle.json");
        std::fs::write(&file, serde_json::to_string(bundle).unwrap()).unwrap();
        self.admin_raw(&["bundle", "import", file.to_str().unwrap()])
    }

    /// A new centre and a fresh enrolment code for it.
    pub fn centre(&self, name: &str) -> (String, String) {
        let centre = self.admin(&["centre", "create", name]).trim().to_owned();
        let code = self.admin(&["enrolment-code", &centre]).trim().to_owned();
        (centre, code)
    }

    fn child(&mut self) -> &mut Child {
        match &mut self.running {
            Running::Process(child) => child,
            Running::InProcess(_) => {
                panic!("this server runs in the test process: start it with Server::process")
            }
        }
    }

    pub fn pid(&mut self) -> u32 {
        self.child().id()
    }

    /// Waits for the process to exit by itself, with a deadline.
    pub fn wait_exit(&mut self, within: Duration) -> Option<std::process::ExitStatus> {
        let deadline = std::time::Instant::now() + within;
        while std::time::Instant::now() < deadline {
            if let Some(status) = self.child().try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// Stops the server at once (a process is killed).
    pub fn kill(&mut self) {
        match &mut self.running {
            Running::Process(child) => {
                let _ = child.kill();
                let _ = child.wait();
            }
            Running::InProcess(served) => served.stop(),
        }
    }

    pub fn get(&self, path: &str, token: Option<&str>) -> (u16, Value) {
        let client = reqwest::blocking::Client::new();
        let mut request = client.get(format!("{}{path}", self.url));
        if let Some(t) = token {
            request = request.bearer_auth(t);
        }
        let response = request.send().unwrap();
        let status = response.status().as_u16();
        (
            status,
            serde_json::from_str(&response.text().unwrap()).unwrap_or(Value::Null),
        )
    }

    pub fn post_raw(
        &self,
        path: &str,
        token: Option<&str>,
        body: Vec<u8>,
        json: bool,
    ) -> (u16, Value) {
        let client = reqwest::blocking::Client::new();
        let mut request = client.post(format!("{}{path}", self.url)).body(body);
        if json {
            request = request.header("content-type", "application/json");
        }
        if let Some(t) = token {
            request = request.bearer_auth(t);
        }
        let response = request.send().unwrap();
        let status = response.status().as_u16();
        let text = response.text().unwrap();
        (
            status,
            serde_json::from_str(&text)
                .unwrap_or_else(|_| panic!("every answer is JSON, got {status}: {text:?}")),
        )
    }

    pub fn post(&self, path: &str, token: Option<&str>, body: &Value) -> (u16, Value) {
        self.post_raw(path, token, body.to_string().into_bytes(), true)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A device: a real data directory enrolled with the server.
pub struct Device {
    pub dir: tempfile::TempDir,
    pub ws: Workspace,
}

impl Device {
    pub fn enrolled(server: &Server, code: &str) -> Device {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::open(dir.path(), Mode::Real).unwrap();
        ws.enrol(&server.url, code, "portable").unwrap();
        Device { dir, ws }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn token(&self) -> String {
        self.ws.store.find_meta("sync_token").unwrap().unwrap()
    }

    /// Saves `n` diagnostics of the personas; returns their ids.
    pub fn diagnose(&mut self, n: usize) -> Vec<String> {
        let personas = aiguillage_core::demo::personas().unwrap();
        (0..n)
            .map(|i| {
                let p = &personas[i % personas.len()];
                let answers =
                    aiguillage_domain::Answers::from_map(&self.ws.questionnaire, &p.answers)
                        .unwrap();
                self.ws.complete(answers, None, None).unwrap().id.unwrap()
            })
            .collect()
    }

    pub fn pending(&self) -> u64 {
        self.ws.sync_status().unwrap().pending
    }
}

/// A diagnostic's body as a device writes it (a demo persona's, completed by the real core),
/// started at minute `n` so that bodies differ.
pub fn diagnostic_body(n: u32) -> String {
    static REAL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::open(dir.path(), Mode::Real).unwrap();
        let persona = &aiguillage_core::demo::personas().unwrap()[0];
        let answers =
            aiguillage_domain::Answers::from_map(&ws.questionnaire, &persona.answers).unwrap();
        ws.complete(answers, None, None).unwrap();
        ws.store.list_pending_operations().unwrap()[0].body.clone()
    });
    let mut body: Value = serde_json::from_str(&REAL).unwrap();
    body["started_at"] = serde_json::json!(format!("2026-12-01T09:{:02}:00.000Z", n % 60));
    body.to_string()
}

/// How many diagnostics the server holds (one CSV line each after the header).
pub fn server_records(server: &Server) -> Vec<String> {
    server
        .admin(&["export", "--format", "csv"])
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(2).unwrap().to_owned())
        .collect()
}

/// The bodies a device's operation log keeps about record `id`.
pub fn log_bodies(ws: &Workspace, id: &str) -> Vec<String> {
    ws.store
        .list_operations_for(id)
        .unwrap()
        .into_iter()
        .map(|o| o.body)
        .collect()
}

/// Asserts that a device's operation log keeps nothing of an erased record's content.
pub fn assert_no_content_in_log(ws: &Workspace, id: &str) {
    let bodies = log_bodies(ws, id);
    assert!(
        bodies.iter().all(|b| !b.contains("answers")),
        "no content is left in the device's log: {bodies:?}"
    );
}
