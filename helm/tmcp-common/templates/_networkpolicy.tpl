{{/*
Ingress only (egress is not restricted). The service port: from everywhere when
networkPolicy.allowFromAnywhere (the gateway), else from the suite's pods (label
app.kubernetes.io/part-of: tmcp-suite, same namespace) and networkPolicy.extraFrom. The actuator:
from networkPolicy.scrapeFrom (Prometheus), on the management port when the chart has one.
*/}}
{{- define "tmcp-common.networkpolicy" -}}
{{- $np := .Values.networkPolicy -}}
{{- if $np.enabled }}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "tmcp-common.fullname" . }}
  labels:
    {{- include "tmcp-common.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "tmcp-common.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
  ingress:
    {{- if $np.allowFromAnywhere }}
    - ports:
        - port: http
          protocol: TCP
    {{- else }}
    - from:
        - podSelector:
            matchLabels:
              app.kubernetes.io/part-of: tmcp-suite
        {{- with $np.extraFrom }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      ports:
        - port: http
          protocol: TCP
    {{- end }}
    {{- with $np.scrapeFrom }}
    - from:
        {{- toYaml . | nindent 8 }}
      ports:
        - port: {{ include "tmcp-common.actuatorPortName" $ }}
          protocol: TCP
    {{- end }}
{{- end }}
{{- end -}}
