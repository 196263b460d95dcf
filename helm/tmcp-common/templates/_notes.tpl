{{- define "tmcp-common.notes" -}}
{{- $name := include "tmcp-common.fullname" . -}}
{{ .Chart.Name }} {{ .Chart.AppVersion }}: Deployment {{ $name }} in namespace {{ .Release.Namespace }}, reachable in the cluster at http://{{ $name }}:{{ .Values.service.port }}.

Secret {{ include "tmcp-common.secretName" . }} ({{ if .Values.secretOptional }}optional{{ else }}required: the pod does not start without it{{ end }}; this chart never creates it).
{{- if .Values.secretKeys }}
Keys the service needs from it:
{{- range .Values.secretKeys }}
  - {{ . }}
{{- end }}
{{- else }}
The service needs no key from it.
{{- end }}
{{- with .Values.optionalSecretKeys }}
Read from it only with the feature on (helm/README.md, Secrets): {{ join ", " . }}.
{{- end }}

Health: /actuator/health/readiness and /actuator/health/liveness, metrics: {{ .Values.metrics.path }}, on port {{ include "tmcp-common.actuatorPort" . }} ({{ include "tmcp-common.actuatorPortName" . }}).
  kubectl -n {{ .Release.Namespace }} rollout status deployment/{{ $name }}
{{- if .Values.networkPolicy.enabled }}
NetworkPolicy: {{ if .Values.networkPolicy.allowFromAnywhere }}port http open to every source{{ else }}port http only from pods labelled app.kubernetes.io/part-of=tmcp-suite{{ with .Values.networkPolicy.extraFrom }} and networkPolicy.extraFrom{{ end }}{{ end }}{{ if .Values.networkPolicy.scrapeFrom }}; {{ include "tmcp-common.actuatorPortName" . }} from networkPolicy.scrapeFrom{{ end }}.
{{- end }}
{{- end -}}
