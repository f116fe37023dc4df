-- Open311 tokens/{token} and anonymous follow-up look requests up by their tracking token
CREATE INDEX service_request_tracking_token ON service_request (tracking_token_hash);
