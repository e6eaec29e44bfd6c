// go-peer: the thumbnail service of Benchmarks/service written the way the Go services of
// issue 13 were: net/http, image/jpeg, image/png and github.com/disintegration/imaging
// over golang.org/x/image. Same endpoints, statuses and bodies as raster-service
// (CONTRACT.md "Service"), with every error checked. It has no memory budget: the Go
// stack offers none, which is what the load test measures.
//
// Build (Debian's golang, golang-github-disintegration-imaging-dev, golang-golang-x-image-dev):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o go-peer .
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"
)

func main() {
	host := flag.String("host", "127.0.0.1", "address to listen on")
	port := flag.Int("port", 8081, "port to listen on")
	watermarkPath := flag.String("watermark", "", "PNG or JPEG drawn by /watermark (default: stripes)")
	flag.Parse()

	mark, err := loadWatermark(*watermarkPath)
	if err != nil {
		log.Fatalf("error: watermark: %v", err)
	}
	svc := &service{watermark: mark, metrics: newMetrics()}

	mux := http.NewServeMux()
	mux.HandleFunc("/thumbnail", svc.counted(svc.thumbnail))
	mux.HandleFunc("/watermark", svc.counted(svc.watermarkHandler))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, `{"status":"ok"}`)
	})
	mux.HandleFunc("/metrics", svc.metrics.serve)

	addr := net.JoinHostPort(*host, strconv.Itoa(*port))
	srv := &http.Server{
		Addr:              addr,
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatalf("error: listen: %v", err)
	}
	log.Printf("go-peer listening on %s", ln.Addr())

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		log.Fatalf("error: serve: %v", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(os.Stderr, "error: shutdown: %v\n", err)
		os.Exit(1)
	}
	log.Printf("go-peer stopped")
}
