// The monitor's public face: build a HealthMonitor, read its MonitorSnapshot,
// plug further sources in through MonitorSource and SourceSink.
export { HealthMonitor, type MonitorDeps, type Subscription } from './health-monitor';
export type { MonitorSource, Observation, ObservationSource, SourceSink } from './observation';
export type { ProbePause, ProbeReading } from './probe-source';
export type { MonitorSnapshot } from './snapshot';
export type { StatusPageReading } from './status-page-source';
export { TransportSlot } from './transport-slot';
