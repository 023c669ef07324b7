Hello {{first_name}},

A new progress update from your therapist is ready. Sign in to read it: {{portal_url}}
