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
EXPOSE 8080
ENTRYPOINT ["/diplograph"]
CMD ["serve"]
