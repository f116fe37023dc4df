-- 答复 travels: what each department answered in the last resolved round (result and note), kept on the request so
-- the verifying grid worker and the resident see it. One entry per department, the same index in the three arrays.
ALTER TABLE service_request ADD COLUMN answer_departments text[];
ALTER TABLE service_request ADD COLUMN answer_results text[];
ALTER TABLE service_request ADD COLUMN answer_notes text[];
