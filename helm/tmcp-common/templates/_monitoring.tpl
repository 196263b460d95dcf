{{- define "tmcp-common.servicemonitor" -}}
{{- $sm := .Values.serviceMonitor -}}
{{- if $sm.enabled }}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "tmcp-common.fullname" . }}
  labels:
    {{- include "tmcp-common.labels" . | nindent 4 }}
    {{- with $sm.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  # job="<chart>", as the alerts in deploy/prometheus/alerts.yml expect.
  jobLabel: app.kubernetes.io/name
  selector:
    matchLabels:
      {{- include "tmcp-common.selectorLabels" . | nindent 6 }}
      {{- if .Values.management.enabled }}
      app.kubernetes.io/component: management
      {{- end }}
  endpoints:
    - port: {{ include "tmcp-common.actuatorPortName" . }}
      path: {{ .Values.metrics.path }}
      interval: {{ $sm.interval }}
      scrapeTimeout: {{ $sm.scrapeTimeout }}
{{- end }}
{{- end -}}

{{/*
prometheusRule.groups (a list of rule groups) plus the groups of prometheusRule.rulesYaml, a whole
Prometheus rules file as a string: --set-file <chart>.prometheusRule.rulesYaml=deploy/prometheus/alerts.yml
(a chart cannot read files outside its directory).
*/}}
{{- define "tmcp-common.prometheusrule" -}}
{{- $pr := .Values.prometheusRule -}}
{{- if $pr.enabled }}
{{- $groups := $pr.groups | default list -}}
{{- with $pr.rulesYaml }}
{{- $file := fromYaml . -}}
{{- if hasKey $file "Error" }}{{ fail (printf "prometheusRule.rulesYaml is not YAML: %s" $file.Error) }}{{ end -}}
{{- $groups = concat $groups ($file.groups | default list) -}}
{{- end }}
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: {{ include "tmcp-common.fullname" . }}
  labels:
    {{- include "tmcp-common.labels" . | nindent 4 }}
    {{- with $pr.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  groups:
    {{- if $groups }}
    {{- toYaml $groups | nindent 4 }}
    {{- else }} []
    {{- end }}
{{- end }}
{{- end -}}
