# adder-lab-server's images: one build, three programs (the lab's manifests name them).
#   make images     builds adder-lab/adder:1.0, adder-lab/converter:1.0 and adder-lab/db:1.0
#   docker build --target adder -t adder-lab/adder:1.0 .     (the same, one at a time)
# Multi-stage: the toolchain stays in the build stage; the final image is Debian's slim base with
# the one binary, run as an unprivileged user (65532, the manifests' runAsUser and fsGroup).

FROM rust:1-slim-bookworm AS build
WORKDIR /src
# The whole workspace: Cargo resolves every member's manifest, but builds only the server.
COPY . .
RUN cargo build --locked --profile server -p adder-lab-server \
 && cp target/server/adder-lab-server /usr/local/bin/adder-lab-server

FROM debian:bookworm-slim AS runtime
COPY --from=build /usr/local/bin/adder-lab-server /usr/local/bin/adder-lab-server
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/adder-lab-server"]

# The adder: TOTAL_STORE, TOTAL_FILE, FILE_LOCK and DATABASE_HOST choose where its total lives.
FROM runtime AS adder
CMD ["adder"]

FROM runtime AS converter
CMD ["converter"]

# The three-tier design's database: its total in /var/lib/db/total (the manifests mount a claim).
FROM runtime AS db
CMD ["db"]
