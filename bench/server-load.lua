-- wrk script of bench/server-load.sh: one decision per request, the API key from $PLEDGE_KEY.
wrk.method = "POST"
wrk.body = '{"subject":"email:ada@example.com","activity":"website-analytics"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("PLEDGE_KEY") or "")
