package main

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
)

// metrics counts outcomes by status and requests in flight, for GET /metrics.
type metrics struct {
	mu       sync.Mutex
	byStatus map[int]int
	inFlight int
}

func newMetrics() *metrics { return &metrics{byStatus: map[int]int{}} }

func (m *metrics) start() {
	m.mu.Lock()
	m.inFlight++
	m.mu.Unlock()
}

func (m *metrics) finish(status int) {
	m.mu.Lock()
	m.inFlight--
	m.byStatus[status]++
	m.mu.Unlock()
}

func (m *metrics) serve(w http.ResponseWriter, r *http.Request) {
	m.mu.Lock()
	statuses := make([]int, 0, len(m.byStatus))
	for s := range m.byStatus {
		statuses = append(statuses, s)
	}
	sort.Ints(statuses)
	var b strings.Builder
	b.WriteString("# TYPE go_peer_requests_total counter\n")
	for _, s := range statuses {
		fmt.Fprintf(&b, "go_peer_requests_total{status=\"%d\"} %d\n", s, m.byStatus[s])
	}
	fmt.Fprintf(&b, "# TYPE go_peer_requests_in_flight gauge\ngo_peer_requests_in_flight %d\n", m.inFlight)
	m.mu.Unlock()
	w.Header().Set("Content-Type", "text/plain; version=0.0.4")
	w.Write([]byte(b.String()))
}
