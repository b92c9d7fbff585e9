#!/usr/bin/env bash
# Builds, under their public names, the two base images our Dockerfiles start FROM, for machines that
# reach no image registry (a machine that can pull them does not need this script):
#
#   eclipse-temurin:17-jre            a Debian bookworm rootfs with openjdk-17-jre-headless (mmdebstrap), docker import
#   ghcr.io/shopify/toxiproxy:2.12.0  FROM scratch with a static toxiproxy-server (go install), as upstream's image
#
# An image already present is kept (pass --force to rebuild). Needs root (mmdebstrap), a Debian mirror,
# Go and a Docker daemon. Takes about 35 s for the JRE image and a few seconds for Toxiproxy.
set -euo pipefail

JRE_IMAGE="eclipse-temurin:17-jre"
TOXIPROXY_IMAGE="ghcr.io/shopify/toxiproxy:2.12.0"
TOXIPROXY_VERSION="2.12.0"
MIRROR="${GAUNTLET_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
force=false
[[ "${1:-}" == "--force" ]] && force=true

die() { echo "build-base-images: $*" >&2; exit 3; }
have_image() { [[ "$force" == false ]] && docker image inspect "$1" >/dev/null 2>&1; }

command -v docker >/dev/null || die "docker not found (apt-get install docker.io)"
docker info >/dev/null 2>&1 || die "no Docker daemon is reachable (start dockerd, or ./run.sh test --with-docker as root)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if have_image "$JRE_IMAGE"; then
  echo "base image $JRE_IMAGE: present"
else
  command -v mmdebstrap >/dev/null || die "mmdebstrap not found (apt-get install mmdebstrap)"
  echo "building $JRE_IMAGE from Debian bookworm with openjdk-17-jre-headless (about 35 s) ..."
  # minbase + the JRE alone; ca-certificates-java comes with it. The tarball goes straight into docker import.
  mmdebstrap --quiet --variant=minbase --include=openjdk-17-jre-headless \
      --customize-hook='chroot "$1" java -version' \
      --customize-hook='rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/*' \
      bookworm "$work/rootfs.tar" "$MIRROR" >"$work/mmdebstrap.log" 2>&1 \
    || { cat "$work/mmdebstrap.log" >&2; die "mmdebstrap failed"; }
  docker import \
      --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
      --change 'ENV PATH=/usr/lib/jvm/java-17-openjdk-amd64/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'ENV LANG=C.UTF-8' \
      --change 'LABEL dev.gauntlet.base=jre' \
      --change 'CMD ["jshell"]' \
      "$work/rootfs.tar" "$JRE_IMAGE" >/dev/null
  echo "built $JRE_IMAGE ($(docker image inspect -f '{{.Size}}' "$JRE_IMAGE" | awk '{printf "%.0f MiB", $1/1048576}'))"
fi

if have_image "$TOXIPROXY_IMAGE"; then
  echo "base image $TOXIPROXY_IMAGE: present"
else
  command -v go >/dev/null || die "go not found (needed to build toxiproxy-server $TOXIPROXY_VERSION)"
  echo "building $TOXIPROXY_IMAGE FROM scratch with a static toxiproxy-server ..."
  mkdir -p "$work/toxiproxy"
  # CGO off: a static binary, the only file of a FROM scratch image (upstream builds it the same way)
  # and the version stamped in as upstream's release build does (GET /version answers 2.12.0, not "git")
  CGO_ENABLED=0 GOBIN="$work/toxiproxy" go install -ldflags "-s -w -X github.com/Shopify/toxiproxy/v2.Version=$TOXIPROXY_VERSION" \
      "github.com/Shopify/toxiproxy/v2/cmd/server@v$TOXIPROXY_VERSION" \
    || die "go install of toxiproxy-server $TOXIPROXY_VERSION failed"
  mv "$work/toxiproxy/server" "$work/toxiproxy/toxiproxy"
  cat >"$work/toxiproxy/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY toxiproxy /toxiproxy
EXPOSE 8474
LABEL dev.gauntlet.base=toxiproxy
ENTRYPOINT ["/toxiproxy"]
CMD ["-host=0.0.0.0"]
DOCKERFILE
  docker build -q -t "$TOXIPROXY_IMAGE" "$work/toxiproxy" >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; die "docker build of $TOXIPROXY_IMAGE failed"; }
  echo "built $TOXIPROXY_IMAGE"
fi
