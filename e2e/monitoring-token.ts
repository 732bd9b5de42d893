/**
 * The operator's monitoring token (METRICS_TOKEN) of every server the suite starts: /api/metrics and the
 * details of /api/ready are refused without it on the public port (SECURITY.md, "Disclosure").
 */
export const MONITORING_TOKEN = "e2e-monitoring-token-0123456789";
export const monitoringHeaders = { authorization: `Bearer ${MONITORING_TOKEN}` };
