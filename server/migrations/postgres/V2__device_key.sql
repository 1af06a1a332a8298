-- Each device's Ed25519 public key, which its file bundles are signed with (hex). Devices
-- enrolled before have none: their bundles stay keyed by the token's hash.
ALTER TABLE device ADD COLUMN public_key TEXT;
