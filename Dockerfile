# errdex: one static binary with the catalog built in.
#
#   docker build -t errdex .
#   docker run -p 8080:8080 errdex
#
# Build stage: the Go toolchain, the module cache warmed from go.mod first
# so that a source edit does not download every module again.
FROM golang:1.27.3 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# CGO off gives a static binary that runs on an image with no libc.
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w" -o /out/errdex ./cmd/errdex

# Run stage: no shell, no package manager, a non-root user (65532).
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/errdex /errdex
USER 65532:65532
EXPOSE 8080
# Listen on every interface inside the container; the default 127.0.0.1
# would be unreachable from outside it.
ENV ERRDEX_ADDR=:8080 \
    ERRDEX_LOG_FORMAT=json
ENTRYPOINT ["/errdex", "serve"]
