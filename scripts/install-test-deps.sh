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
# The aws CLI v1 on PATH (current models) is also used; its botocore is the source of the model
# constraints that the generated wire models are checked against.
command -v aws >/dev/null || { echo "install-test-deps: the aws CLI v1 (pip install awscli) must be on PATH" >&2; exit 1; }
