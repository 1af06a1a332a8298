//! HTTPS with rustls when the server is given a certificate and key.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::helpers::BIN;

#[test]
fn the_server_speaks_https_when_given_a_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let issued = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert, issued.cert.pem()).unwrap();
    std::fs::write(&key, issued.signing_key.serialize_pem()).unwrap();
    let db = format!("sqlite://{}", dir.path().join("s.sqlite3").display());
    let mut child = Command::new(BIN)
        .args([
            "--db",
            &db,
            "--listen",
            "127.0.0.1:0",
            "serve",
            "--tls-cert",
        ])
        .arg(&cert)
        .arg("--tls-key")
        .arg(&key)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line
        .trim()
        .strip_prefix("listening on https://")
        .expect("the server announces HTTPS")
        .to_owned();
    let port = address.rsplit(':').next().unwrap();
    let client = reqwest::blocking::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(issued.cert.pem().as_bytes()).unwrap())
        .build()
        .unwrap();
    let answer = client
        .get(format!("https://localhost:{port}/api/v1/health"))
        .send();
    let plain = reqwest::blocking::get(format!("http://127.0.0.1:{port}/api/v1/health"));
    let _ = child.kill();
    let _ = child.wait();
    let answer = answer.expect("HTTPS works with the server's certificate");
    assert_eq!(answer.status().as_u16(), 200);
    assert!(
        plain.is_err() || !plain.unwrap().status().is_success(),
        "plain HTTP is not served on the TLS port"
    );
}

#[test]
fn a_bad_certificate_is_refused_with_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.pem");
    std::fs::write(&junk, "not a certificate").unwrap();
    let db = format!("sqlite://{}", dir.path().join("s.sqlite3").display());
    let out = Command::new(BIN)
        .args([
            "--db",
            &db,
            "--listen",
            "127.0.0.1:0",
            "serve",
            "--tls-cert",
        ])
        .arg(&junk)
        .arg("--tls-key")
        .arg(&junk)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "bad input exits 2");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("junk.pem") && stderr.contains("certificate"),
        "{stderr}"
    );
}
