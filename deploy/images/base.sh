#!/usr/bin/env bash
# The base of the seven service images, built from this machine without a Docker daemon: a
# `docker save`-format tar that Jib takes as its base image (`tar://`, see the parent pom).
#
#   layer 1  /opt/java   a jlink'ed JRE of the pinned Temurin JDK (only `bin/java`, no JDK tools)
#            the glibc/libz/... shared libraries that JRE loads (ldd), copied from the host
#            /etc/passwd, /etc/group (uid/gid 10001 `tmcp`), /etc/nsswitch.conf, /tmp (1777)
#   layer 2  /opt/otel   the OpenTelemetry javaagent and the project's Zipkin exporter extension
#            (deploy/tracing/pom.xml), present but not attached: JAVA_TOOL_OPTIONS attaches it
#
# No shell, no package manager, no coreutils. Cached under ${TMCP_CACHE:-~/.cache/tmcp}/image-base-<key>
# (key: this script, the JDK's release file, the pinned version, deploy/tracing/pom.xml and the
# host's glibc);
# --out gets a hard link (or a copy) of the cached tar.
#
# usage: base.sh --jre 25.0.3+9-LTS --out FILE
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
CACHE="${TMCP_CACHE:-$HOME/.cache/tmcp}"
TRACING_POM="$ROOT/deploy/tracing/pom.xml"
JRE="" OUT=""
while [ $# -gt 0 ]; do
  case $1 in
    --jre) JRE=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "usage: base.sh --jre VERSION --out FILE" >&2; exit 2 ;;
  esac
done
[ -n "$JRE" ] && [ -n "$OUT" ] || { echo "usage: base.sh --jre VERSION --out FILE" >&2; exit 2; }
log() { printf '%s [images] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '%s [images] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

# The JDK whose runtime version is exactly the pinned one: $IMAGE_JDK, $JAVA_HOME, then /usr/lib/jvm/*.
runtime_version() { sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$1/release" 2>/dev/null; }
JDK="" seen=""
for j in ${IMAGE_JDK:-} ${JAVA_HOME:-} /usr/lib/jvm/*; do
  [ -x "$j/bin/jlink" ] || continue
  v=$(runtime_version "$j"); seen="$seen $j=$v"
  if [ "$v" = "$JRE" ]; then JDK=$j; break; fi
done
[ -n "$JDK" ] || die "no JDK with runtime version $JRE (image.jre in pom.xml) found:${seen:- none}; install it or change image.jre"

OTEL_VERSION="$(sed -n 's:.*<otel.javaagent.version>\(.*\)</otel.javaagent.version>.*:\1:p' "$TRACING_POM")"
# the host's C library too: an apt upgrade of glibc makes a new base
KEY=$(cat "${BASH_SOURCE[0]}" "$JDK/release" "$TRACING_POM" "$(readlink -f /lib64/ld-linux-x86-64.so.2)" \
  "$(readlink -f /lib/x86_64-linux-gnu/libc.so.6)" <(echo "$JRE") | cksum | cut -d' ' -f1)
HOME_DIR="$CACHE/image-base-$JRE-$KEY"
TAR="$HOME_DIR/base.tar"

build() {
  local work=$HOME_DIR.partial
  rm -rf "$work"; mkdir -p "$work"
  local rootfs=$work/rootfs otelfs=$work/otelfs
  mkdir -p "$rootfs/opt" "$otelfs/opt/otel/extensions"

  log "jlink: a JRE of $JDK ($JRE)"
  # java.se: every standard API, so no code path of a dependency meets a missing module at run
  # time; the jdk.* modules that Netty, Kafka, Micrometer and the agent use. No jdk.compiler,
  # jdk.jartool, jdk.jcmd, jdk.attach, jdk.jdwp.agent.
  "$JDK/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.management,jdk.management.jfr,jdk.jfr,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.naming.dns,jdk.net,jdk.security.auth,jdk.security.jgss,jdk.charsets,jdk.zipfs \
    --strip-debug --no-man-pages --no-header-files --compress=zip-6 --generate-cds-archive \
    --output "$rootfs/opt/java" >&2
  # The JRE's only launcher is java; the desktop/sound natives need X11/ALSA, which are not there.
  find "$rootfs/opt/java/bin" -type f ! -name java -delete
  rm -f "$rootfs/opt/java/lib/"{libawt_xawt,libjawt,libsplashscreen,libjsound}.so
  [ "$("$rootfs/opt/java/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')" = "$JRE" ] \
    || die "the linked JRE is not $JRE"

  log "shared libraries (ldd)"
  local lib f
  for lib in $( { find "$rootfs/opt/java" -type f \( -name '*.so' -o -path '*/bin/java' -o -name jspawnhelper \) -print0 \
      | xargs -0 ldd 2>/dev/null | grep -o '/[^ ]*\.so[^ ]*' | grep -v "^$rootfs"; \
      echo /lib64/ld-linux-x86-64.so.2; ls /lib/x86_64-linux-gnu/libgcc_s.so.1 2>/dev/null; } | sort -u); do
    [ -e "$lib" ] || continue
    # the loader path as the binaries ask for it, with the real file's content (no symlink chains)
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
  done

  # /proc, /sys, /dev: mount points (a runtime mounts them; the JVM finds its own path in /proc)
  mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/proc" "$rootfs/sys" "$rootfs/dev"
  chmod 1777 "$rootfs/tmp"
  printf 'root:x:0:0:root:/root:/sbin/nologin\ntmcp:x:10001:10001:tmcp:/tmp:/sbin/nologin\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\ntmcp:x:10001:\n' >"$rootfs/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
  printf '127.0.0.1 localhost\n::1 localhost\n' >"$rootfs/etc/hosts"

  log "OpenTelemetry javaagent $OTEL_VERSION and the Zipkin exporter extension (deploy/tracing)"
  local mvn=mvn
  [ -x "$ROOT/mvnw" ] && mvn="$ROOT/mvnw"
  (cd "$ROOT" && "$mvn" -B -q -f "$TRACING_POM" package) >"$work/tracing.log" 2>&1 \
    || { tail -n 20 "$work/tracing.log" >&2; die "deploy/tracing build failed, see $work/tracing.log"; }
  cp "$ROOT/deploy/tracing/target/opentelemetry-javaagent.jar" "$otelfs/opt/otel/"
  cp "$ROOT/deploy/tracing/target/tmcp-otel-zipkin.jar" "$otelfs/opt/otel/extensions/"
  chmod -R a+rX "$rootfs" "$otelfs"

  log "docker-archive base image"
  local out=$work/image layers="" diffs="" dir n=0
  mkdir -p "$out"
  for dir in "$rootfs" "$otelfs"; do
    n=$((n + 1))
    # root-owned, sorted, time 0: the same inputs give the same layer digest
    tar -C "$dir" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 --format=gnu -cf "$work/layer$n.tar" .
    diffs="$diffs${diffs:+,}\"sha256:$(sha256sum "$work/layer$n.tar" | cut -d' ' -f1)\""
    gzip -n -6 <"$work/layer$n.tar" >"$out/layer$n.tar.gz"
    rm "$work/layer$n.tar"
    layers="$layers${layers:+,}\"layer$n.tar.gz\""
  done
  cat >"$out/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"10001:10001","WorkingDir":"/tmp",
  "Env":["PATH=/opt/java/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],
  "Labels":{"dev.tmcp.jre.version":"$JRE","dev.tmcp.otel.javaagent.version":"$OTEL_VERSION"}},
 "rootfs":{"type":"layers","diff_ids":[$diffs]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"deploy/images/base.sh: JRE $JRE, libraries, users"},
            {"created":"1970-01-01T00:00:00Z","created_by":"deploy/images/base.sh: OpenTelemetry javaagent $OTEL_VERSION"}]}
JSON
  printf '[{"Config":"config.json","RepoTags":["tmcp-base:%s"],"Layers":[%s]}]\n' "$JRE" "$layers" >"$out/manifest.json"
  tar -C "$out" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -cf "$work/base.tar" manifest.json config.json layer1.tar.gz layer2.tar.gz
  rm -rf "$rootfs" "$otelfs" "$out"
  rm -rf "$HOME_DIR"; mv "$work" "$HOME_DIR"
  # keep the three newest bases (checkouts of other versions share the cache), drop older ones
  ls -dt "$CACHE"/image-base-*/ 2>/dev/null | tail -n +4 | xargs -r rm -rf
  log "base image: $TAR ($(du -h "$TAR" | cut -f1))"
}

# one build at a time per machine (parallel module builds, two checkouts)
mkdir -p "$CACHE"; exec 9>"$CACHE/image-base.lock"; flock 9
[ -f "$TAR" ] || build
exec 9>&-
mkdir -p "$(dirname "$OUT")"
if ! cmp -s "$TAR" "$OUT" 2>/dev/null; then
  rm -f "$OUT"; ln "$TAR" "$OUT" 2>/dev/null || cp "$TAR" "$OUT"
fi
