#!/bin/sh
# Makes the secrets docker-compose.yml gives its containers, one file each, in .secrets/ beside it (or in the
# folder named as the first argument). Only missing files are made: an existing secret is never replaced, so
# this can run again after a new secret is added. The folder is the operator's alone (0700); each file is
# readable by the containers' users (0444), which run under other user ids than the operator's.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-"$root/.secrets"}
umask 077
mkdir -p "$dir"
chmod 0700 "$dir"

secret() { # name, command printing the value
  name=$1
  shift
  if [ ! -s "$dir/$name" ]; then
    value=$("$@")
    printf '%s' "$value" > "$dir/$name.tmp"
    chmod 0444 "$dir/$name.tmp"
    mv "$dir/$name.tmp" "$dir/$name"
    echo "made $name"
  fi
}
password() { openssl rand -hex 16; }
key() { openssl rand -base64 32; }
# The SMSC's password: SMPP 3.4 allows 8 characters at most.
smpp_password() { openssl rand -hex 4; }
# The ledger checkpoints' Ed25519 private key (ADR 0024), PKCS#8 DER in base64.
checkpoint_key() { openssl genpkey -algorithm ed25519 -outform DER | openssl base64 -A; }

secret postgres_password password
secret preferences_db_password password
secret preferences_app_db_password password
secret compliance_db_password password
secret compliance_app_db_password password
secret grafana_admin_password password
secret smpp_password smpp_password
secret link_key_d1 key
secret link_key_c1 key
secret link_key_p1 key
secret instance_key key
secret address_hmac_key key
secret checkpoint_private_key checkpoint_key
