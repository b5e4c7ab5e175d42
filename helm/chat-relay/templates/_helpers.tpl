{{/* Names and labels shared by every template. */}}
{{- define "chat-relay.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "chat-relay.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- /* The chat Service keeps the release's full name, so clients' and the helm test's address does not move. */}}
{{- define "chat-relay.chatServiceName" -}}
{{- include "chat-relay.fullname" . }}
{{- end }}

{{- /* The ClusterIP Service for the admin API and the Actuator; a Service name is at most 63 characters. */}}
{{- define "chat-relay.adminServiceName" -}}
{{- printf "%s-admin" (include "chat-relay.fullname" . | trunc 57 | trimSuffix "-") }}
{{- end }}

{{- define "chat-relay.selectorLabels" -}}
app.kubernetes.io/name: {{ include "chat-relay.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "chat-relay.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "chat-relay.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "chat-relay.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "chat-relay.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "chat-relay.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "chat-relay.secretName" -}}
{{- default (include "chat-relay.fullname" .) .Values.admin.existingSecret }}
{{- end }}

{{- define "chat-relay.secretKey" -}}
{{- if .Values.admin.existingSecret }}{{ .Values.admin.existingSecretKey }}{{ else }}admin-password{{ end }}
{{- end }}
