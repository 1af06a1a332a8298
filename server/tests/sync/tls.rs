//! HTTPS with rustls when the server is given a certificate and key.

use std::process::Command;

use crate::helpers::BIN;

#[test]
fn the_server_speaks_https_when_given_a_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let issued = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert, issued.cert.pem()).unwrap();
    std::fs::write(&key, issued.signing_key.serialize_pem()).unwrap();
    let db = format!("sqlite://{}", dir.path().join("s.sqlite3").display());
    let (cert_path, key_path) = (cert.to_str().unwrap(), key.to_str().unwrap());
    let args = [
        "--db",
        &db,
        "--listen",
        "127.0.0.1:0",
        "serve",
        "--tls-cert",
        cert_path,
        "--tls-key",
        key_path,
    ];
    // Made before the server starts: a client that cannot be made leaves no server running.
    let client = reqwest::blocking::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(issued.cert.pem().as_bytes()).unwrap())
        .build()
        .unwrap();
    let (mut child, url) = aiguillage_server::testing::spawn_serving(BIN, &args, &[]);
    let address = url
        .strip_prefix("https://")
        .expect("the server announces HTTPS")
        .to_owned();
    let port = address.rsplit(':').next().unwrap();
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
