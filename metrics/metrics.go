// Package metrics holds the service's Prometheus metrics: HTTP requests and latencies,
// sync durations, job runs and failures. One registry per process, served at /metrics.
package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Metrics are the collectors the service updates.
type Metrics struct {
	Registry     *prometheus.Registry
	Requests     *prometheus.CounterVec   // by route, method, status
	Latency      *prometheus.HistogramVec // by route, method
	SyncDuration *prometheus.HistogramVec // by kind (full, incremental)
	SyncRecords  prometheus.Counter
	JobRuns      *prometheus.CounterVec // by job and result (ok, failed)
}

// New registers the collectors (and Go's runtime ones) in a fresh registry.
func New() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		Requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "rfm9_http_requests_total", Help: "HTTP requests by route, method and status."},
			[]string{"route", "method", "status"}),
		Latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "rfm9_http_request_seconds", Help: "HTTP request latency by route and method.",
			Buckets: []float64{.001, .0025, .005, .01, .02, .05, .1, .25, .5, 1, 2.5}},
			[]string{"route", "method"}),
		SyncDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "rfm9_sync_seconds", Help: "Duration of finished syncs by kind.",
			Buckets: prometheus.ExponentialBuckets(0.5, 2, 14)}, []string{"kind"}),
		SyncRecords: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "rfm9_sync_records_total", Help: "Register records read from 1C by syncs."}),
		JobRuns: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "rfm9_job_runs_total", Help: "Scheduled job runs by job and result."}, []string{"job", "result"}),
	}
	m.Registry.MustRegister(m.Requests, m.Latency, m.SyncDuration, m.SyncRecords, m.JobRuns,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// ObserveSync records a finished sync.
func (m *Metrics) ObserveSync(full bool, records int64, took time.Duration) {
	kind := "incremental"
	if full {
		kind = "full"
	}
	m.SyncDuration.WithLabelValues(kind).Observe(took.Seconds())
	m.SyncRecords.Add(float64(records))
}

// ObserveJob records one run of a scheduled job.
func (m *Metrics) ObserveJob(job string, err error) {
	result := "ok"
	if err != nil {
		result = "failed"
	}
	m.JobRuns.WithLabelValues(job, result).Inc()
}
