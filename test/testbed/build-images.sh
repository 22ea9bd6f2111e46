#!/usr/bin/env bash
# Builds, offline, the two OCI images the real-containerd testbed needs, as docker-archive tarballs:
#   $TESTBED_CACHE/pause.tar    registry.k8s.io/pause:3.6           (containerd 1.6's default sandbox_image)
#   $TESTBED_CACHE/busybox.tar  docker.io/library/busybox:testbed   (app image: sh, cat, echo, sleep, ...)
# Nothing can be pulled on CI machines, so both are made from the host's static busybox.
# Idempotent: an image whose tarball already exists is not rebuilt (delete the cache to force it).
#
# Debian packages this needs (and the testbed around it), for .ci/run's `apt-get install`:
#   apt-get install -y containerd runc containernetworking-plugins umoci skopeo busybox-static
set -euo pipefail

CACHE="${TESTBED_CACHE:-/tmp/crisock-testbed-cache}"
BUSYBOX="${TESTBED_BUSYBOX:-/bin/busybox}"
# Bump when the recipe below changes, so stale caches are rebuilt.
RECIPE=2

for tool in umoci skopeo "$BUSYBOX"; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "build-images.sh: missing $tool (apt-get install umoci skopeo busybox-static)" >&2
    exit 1
  }
done
if ldd "$BUSYBOX" >/dev/null 2>&1; then
  echo "build-images.sh: $BUSYBOX is dynamically linked; install busybox-static" >&2
  exit 1
fi

mkdir -p "$CACHE"
# Test files run in parallel and may all start a testbed at once: one builds, the others wait and
# then find the tarballs made.
exec 9>"$CACHE/.build.lock"
flock 9

# build NAME REF CMD...: one image with a busybox rootfs, its command CMD.
build() {
  local name=$1 ref=$2
  shift 2
  local out="$CACHE/$name.tar" stamp="$CACHE/$name.recipe"
  if [ -s "$out" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$RECIPE $ref $*" ]; then
    return 0
  fi
  local work
  work=$(mktemp -d "$CACHE/build-$name.XXXXXX")
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" RETURN

  local layout="$work/oci" bundle="$work/bundle"
  umoci init --layout "$layout"
  umoci new --image "$layout:$name"
  umoci unpack --rootless --image "$layout:$name" "$bundle"
  local rootfs="$bundle/rootfs"
  mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,proc,sys,dev,root,var/log}
  chmod 1777 "$rootfs/tmp"
  cp "$BUSYBOX" "$rootfs/bin/busybox"
  # One symlink per applet (sh, cat, echo, sleep, ls, ps, ...), relative so they work in any root.
  local applet
  for applet in $("$BUSYBOX" --list); do
    [ "$applet" = busybox ] && continue
    [ -e "$rootfs/bin/$applet" ] || ln -s busybox "$rootfs/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  umoci repack --image "$layout:$name" "$bundle"

  local -a cfg=(--image "$layout:$name" --author crisock-tui-testbed
    --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
    --config.workingdir /)
  local arg
  for arg in "$@"; do cfg+=(--config.cmd "$arg"); done
  umoci config "${cfg[@]}"
  umoci gc --layout "$layout"

  rm -f "$out.tmp"
  skopeo --insecure-policy copy --quiet "oci:$layout:$name" "docker-archive:$out.tmp:$ref"
  mv -f "$out.tmp" "$out"
  echo "$RECIPE $ref $*" >"$stamp"
  echo "built $ref -> $out"
}

build pause registry.k8s.io/pause:3.6 /bin/sleep infinity
build busybox docker.io/library/busybox:testbed /bin/sh
