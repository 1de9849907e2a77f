-- Q1. How many drones were reported destroyed per region per week?
-- Each incident counts once, with the highest figure any of its reports gives; "dozens" and
-- other vague amounts are counted in incidents_without_number, never guessed. A region is the
-- first-level region of the incident's place; nationwide tallies have country_level true and
-- no region.
SELECT week, country, region, country_level, incidents, incidents_without_number,
       drones_destroyed
FROM drones_destroyed_weekly
ORDER BY week NULLS LAST, country NULLS LAST, country_level, region NULLS LAST;
