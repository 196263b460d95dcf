#!/usr/bin/env bash
# `tmcp images`: the seven OCI images (Jib on the base of deploy/images/base.sh, no Docker daemon),
# then each one's tag, compressed size (the OCI tar, layers gzipped) and unpacked size (its root
# filesystem: the layers uncompressed). See deploy/README.md, Images.

images_build() {
  local mvn modules="" s
  mvn=$(maven_cmd)
  for s in $TMCP_SERVICES; do modules="$modules${modules:+,}${s%%:*}"; done
  log "building the images ($mvn -B -q -Dmaven.test.skip=true -pl $modules -am package)"
  with_heartbeat "maven package (images)" "$TMCP_LOGS/images.log" \
    bash -c 'cd "$1" && shift && exec "$@"' _ "$TMCP_ROOT" \
    "$mvn" -B -q -Dmaven.test.skip=true -pl "$modules" -am package "$@" || die "image build failed, see $TMCP_LOGS/images.log"
}

# The size of an OCI tar's image once unpacked: its layers, uncompressed.
image_unpacked_bytes() {
  local tar=$1 total=0 digest n
  for digest in $(tar -xOf "$tar" index.json | grep -o 'sha256:[0-9a-f]*' | head -1 | cut -d: -f2 \
      | xargs -I{} tar -xOf "$tar" "blobs/sha256/{}" | tr ',' '\n' | grep -A2 'layer.v1.tar' \
      | grep -o 'sha256:[0-9a-f]*' | cut -d: -f2); do
    n=$(tar -xOf "$tar" "blobs/sha256/$digest" | gzip -dc | wc -c)
    total=$((total + n))
  done
  echo "$total"
}

images_report() {
  local s m tar tag
  printf '%-18s %-52s %10s %10s\n' IMAGE TAG COMPRESSED UNPACKED
  for s in $TMCP_SERVICES; do
    m=${s%%:*}; tar="$TMCP_ROOT/$m/target/image/$m.tar"
    [ -f "$tar" ] || { printf '%-18s %s\n' "$m" "missing ($tar)"; continue; }
    tag=$(sed -n 's/.*"image":"\([^"]*\)".*/\1/p' "$TMCP_ROOT/$m/target/image/image.json")
    printf '%-18s %-52s %9sM %9sM\n' "$m" "$tag" "$(( $(stat -c %s "$tar") / 1048576 ))" \
      "$(( $(image_unpacked_bytes "$tar") / 1048576 ))"
  done
}

cmd_images() {
  local t0=$SECONDS
  images_build "$@"
  log "images built in $((SECONDS - t0))s (target/image/<service>.tar)"
  images_report
}
