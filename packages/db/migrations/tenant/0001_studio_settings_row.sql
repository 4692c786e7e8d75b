-- Hand-written: the single studio_settings row exists in every tenant from the template on.
INSERT INTO "studio_settings" ("id") VALUES (1) ON CONFLICT DO NOTHING;
