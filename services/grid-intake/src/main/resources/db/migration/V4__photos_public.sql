-- the reporter's consent to show their photos in public output (Open311's media_url); nothing is public by default
ALTER TABLE service_request ADD COLUMN photos_public boolean NOT NULL DEFAULT false;
