//! The sync protocol against a real `aiguillage-server` process on a loopback port, with real
//! device databases (`aiguillage-core`) and raw HTTP for what a device would never send.

mod faults;
mod helpers;
mod hostile;
mod property;
mod protocol;
mod publishing;
mod tls;
