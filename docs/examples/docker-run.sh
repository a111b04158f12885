# docker run --init with pidbox as the init: Docker runs "INIT-PATH -- COMMAND ARG...", as it
# does with its bundled tini (docker-init). pidbox answers to docker-init with tini's options.
install -m 755 build/pidbox /usr/local/bin/docker-init
docker run --rm --init --init-path=/usr/local/bin/docker-init debian:bookworm-slim sleep 5
