<p>Hello {{first_name}},</p><p>A new progress update from your therapist is ready. <a href="{{portal_url}}">Sign in to read it</a>.</p>
