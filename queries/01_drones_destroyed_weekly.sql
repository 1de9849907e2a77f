-- Q1. How many drones were reported destroyed per region per week?
-- Each incident counts once, with the highest figure any of its reports gives; "dozens" and
-- other vague amounts are counted in incidents_without_number, never guessed.
SELECT week, country, region, incidents, incidents_without_number, drones_destroyed
FROM drones_destroyed_weekly
ORDER BY week NULLS LAST, country NULLS LAST, region;
