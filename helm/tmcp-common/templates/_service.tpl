{{- define "tmcp-common.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "tmcp-common.fullname" . }}
  labels:
    {{- include "tmcp-common.labels" . | nindent 4 }}
  {{- with .Values.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ .Values.service.type }}
  selector:
    {{- include "tmcp-common.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .Values.service.port }}
      targetPort: http
      protocol: TCP
{{- if .Values.management.enabled }}
---
# The management port in a Service of its own, always ClusterIP, for the ServiceMonitor: the main
# Service may be a LoadBalancer, and must not publish health and metrics.
apiVersion: v1
kind: Service
metadata:
  name: {{ printf "%s-management" (include "tmcp-common.fullname" .) | trunc 63 | trimSuffix "-" }}
  labels:
    {{- include "tmcp-common.labels" . | nindent 4 }}
    app.kubernetes.io/component: management
spec:
  type: ClusterIP
  selector:
    {{- include "tmcp-common.selectorLabels" . | nindent 4 }}
  ports:
    - name: management
      port: {{ .Values.management.port }}
      targetPort: management
      protocol: TCP
{{- end }}
{{- end -}}
