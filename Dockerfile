# Builds the same binary `go run .` runs: pure Go (modernc SQLite), no cgo.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/diplograph .

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/diplograph /diplograph
VOLUME /data
ENV DIPLOGRAPH_DB=/data/diplograph.db DIPLOGRAPH_ADDR=:8080
# With DIPLOGRAPH_STORE=neo4j and NEO4J_URI/NEO4J_USERNAME/NEO4J_PASSWORD the
# same binary serves from Neo4j (see docker-compose.yml).
EXPOSE 8080
ENTRYPOINT ["/diplograph"]
CMD ["serve"]
