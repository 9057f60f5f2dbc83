#!/usr/bin/env bash
# Debian packages the tests drive Bosun with: skopeo, podman and umoci (registry clients and image
# tools), Debian's aws CLI 2.9 (older models; SQS over the query protocol) and the CNCF
# distribution registry (`docker-registry`, the benchmark's reference). Needs root or sudo.
set -euo pipefail
packages=(skopeo podman umoci awscli docker-registry)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# The aws CLI v1 (current models; `pip install awscli`) must come first on PATH: the tests drive
# Bosun with it, and its botocore is the source of the model constraints the generated wire
# models are checked against. Debian's /usr/bin/aws is v2 and does not count.
case "$(aws --version 2>&1)" in
  aws-cli/1.*) ;;
  *) echo "install-test-deps: the aws CLI v1 (pip install awscli) must be first on PATH; found: $(aws --version 2>&1 | head -1)" >&2; exit 1 ;;
esac
python3 -c 'import botocore' 2>/dev/null || { echo "install-test-deps: python3 on PATH must import botocore (the aws CLI v1's)" >&2; exit 1; }
