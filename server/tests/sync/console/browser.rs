//! A browser as the console sees one: cookies kept as the server sets and removes them, pages
//! got, forms posted (plain or with files); and the command line that makes accounts.

use std::collections::HashMap;
use std::process::Command;

use reqwest::blocking::{Client, multipart};
use reqwest::header::{HeaderMap, SET_COOKIE};

use crate::helpers::{BIN, Server};

pub const PASSPHRASE: &str = "une phrase de passe de test";

/// Runs an admin command with `AIGUILLAGE_ACCOUNT_PASSPHRASE` set.
pub fn account(server: &Server, passphrase: &str, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .args(["--db", &server.db, "account", "create"])
        .args(args)
        .env("AIGUILLAGE_ACCOUNT_PASSPHRASE", passphrase)
        .output()
        .unwrap()
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).trim().to_owned()
}

/// A browser: its cookies, kept as the server sets and removes them.
pub struct Browser {
    pub client: Client,
    pub url: String,
    pub cookies: HashMap<String, String>,
    /// The attributes each cookie was last set with.
    pub attributes: HashMap<String, String>,
}

pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Browser {
    pub fn new(server: &Server) -> Browser {
        Browser {
            client: Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            url: server.url.clone(),
            cookies: HashMap::new(),
            attributes: HashMap::new(),
        }
    }

    pub fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep(&mut self, response: reqwest::blocking::Response) -> Answer {
        let headers = response.headers().clone();
        for set in headers.get_all(SET_COOKIE) {
            let set = set.to_str().unwrap();
            let (pair, attributes) = set.split_once(';').unwrap_or((set, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if value.is_empty() || attributes.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.into(), value.into());
            }
            self.attributes.insert(name.into(), attributes.into());
        }
        Answer {
            status: response.status().as_u16(),
            headers,
            body: response.text().unwrap(),
        }
    }

    pub fn get(&mut self, path: &str) -> Answer {
        let response = self
            .client
            .get(format!("{}{path}", self.url))
            .header("cookie", self.cookie_header())
            .send()
            .unwrap();
        self.keep(response)
    }

    pub fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Answer {
        let response = self
            .client
            .post(format!("{}{path}", self.url))
            .header("cookie", self.cookie_header())
            .form(form)
            .send()
            .unwrap();
        self.keep(response)
    }

    pub fn post_files(&mut self, path: &str, form: multipart::Form) -> Answer {
        let response = self
            .client
            .post(format!("{}{path}", self.url))
            .header("cookie", self.cookie_header())
            .multipart(form)
            .send()
            .unwrap();
        self.keep(response)
    }

    /// The CSRF token of the form on `path`.
    pub fn token(&mut self, path: &str) -> String {
        let page = self.get(path);
        assert_eq!(page.status, 200, "{path} is shown: {}", page.body);
        token_in(&page.body)
    }

    pub fn sign_in(&mut self, name: &str, passphrase: &str) -> Answer {
        let token = self.token("/console/sign-in");
        self.post(
            "/console/sign-in",
            &[("name", name), ("passphrase", passphrase), ("csrf", &token)],
        )
    }
}

pub fn token_in(page: &str) -> String {
    let at = page
        .find("name=\"csrf\" value=\"")
        .expect("the page has a form with a token");
    let rest = &page[at + 19..];
    rest[..rest.find('"').unwrap()].to_owned()
}

pub fn location(answer: &Answer) -> &str {
    answer
        .headers
        .get("location")
        .map_or("", |v| v.to_str().unwrap())
}
