//! The HTTP client of the sync API: only to `https://`, or `http://` on this computer; no
//! redirects; the device's token as a bearer; each answer read as the spec's JSON or as one
//! [`SyncError`].

use std::time::Duration;

use aiguillage_domain::sync::ErrorBody;

use super::SyncError;

/// `Ok` for a server address the device may send records to: `https://`, or `http://` to this
/// computer itself (a server run beside the app, the tests).
fn check_address(address: &str) -> Result<(), SyncError> {
    let url = reqwest::Url::parse(address.trim())
        .map_err(|_| SyncError::NotAnAddress(address.to_owned()))?;
    // A name and password in the address would be stored and shown with it.
    if !url.username().is_empty() || url.password().is_some() {
        return Err(SyncError::NotAnAddress(address.to_owned()));
    }
    let here = match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => return Err(SyncError::NotAnAddress(address.to_owned())),
    };
    match url.scheme() {
        "https" => Ok(()),
        "http" if here => Ok(()),
        "http" => Err(SyncError::Insecure(address.to_owned())),
        _ => Err(SyncError::NotAnAddress(address.to_owned())),
    }
}

pub(super) struct Client {
    pub(super) http: reqwest::blocking::Client,
    base: String,
    token: Option<String>,
}

fn unreachable(e: reqwest::Error) -> SyncError {
    SyncError::Unreachable(e.to_string())
}

impl Client {
    pub(super) fn new(
        http: &std::sync::OnceLock<reqwest::blocking::Client>,
        base: &str,
        token: Option<String>,
    ) -> Result<Self, SyncError> {
        check_address(base)?;
        let http = match http.get() {
            Some(client) => client.clone(),
            None => {
                let client = reqwest::blocking::Client::builder()
                    .timeout(Duration::from_secs(60))
                    .connect_timeout(Duration::from_secs(10))
                    // The API never redirects: a redirect could only lead elsewhere, or to
                    // http://, with the device's token.
                    .redirect(reqwest::redirect::Policy::none())
                    .build()
                    .map_err(unreachable)?;
                http.get_or_init(|| client).clone()
            }
        };
        Ok(Client {
            http,
            base: base.trim().trim_end_matches('/').to_owned(),
            token,
        })
    }

    pub(super) fn send<T: serde::de::DeserializeOwned>(
        &self,
        request: reqwest::blocking::RequestBuilder,
    ) -> Result<T, SyncError> {
        let request = match &self.token {
            Some(token) => request.bearer_auth(token),
            None => request,
        };
        let response = request.send().map_err(unreachable)?;
        let status = response.status();
        let text = response.text().map_err(unreachable)?;
        if status.is_success() {
            return serde_json::from_str(&text).map_err(|e| {
                SyncError::Unreachable(format!("the server's answer could not be read ({e})"))
            });
        }
        if status.as_u16() == 401 {
            return Err(SyncError::Revoked);
        }
        let body: Option<ErrorBody> = serde_json::from_str(&text).ok();
        let (code, message) = body.map_or_else(
            || ("http".to_owned(), status.to_string()),
            |b| (b.code, b.message),
        );
        Err(SyncError::Refused {
            status: status.as_u16(),
            code,
            message,
        })
    }

    pub(super) fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_go_over_https_or_to_this_computer_only() {
        for ok in [
            "https://aiguillage.example.org",
            "https://10.0.0.4:8440/",
            "http://127.0.0.1:8440",
            "http://localhost:8440",
            "http://[::1]:8440",
        ] {
            assert!(check_address(ok).is_ok(), "{ok} is accepted");
        }
        for clear in ["http://192.168.1.20:8440", "http://aiguillage.example.org"] {
            assert!(
                matches!(check_address(clear), Err(SyncError::Insecure(_))),
                "{clear} would carry the records in clear"
            );
        }
        for not in [
            "serveur-du-centre",
            "ftp://aiguillage.example.org",
            "https://",
            "",
        ] {
            assert!(
                matches!(check_address(not), Err(SyncError::NotAnAddress(_))),
                "{not:?} is not a server address"
            );
        }
    }
}
