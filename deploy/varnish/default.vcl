# Varnish in front of the site (README, "Front-end cache"). Debian: apt-get install varnish,
# copy this file to /etc/varnish/default.vcl, set the backend below to the application
# server, and FRONTEND_CACHE_URL=http://127.0.0.1:6081 in the application's environment.
vcl 4.1;

import std;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# Who may purge and ban: the application servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    # The site bans by tag: every stored page lists what it shows in X-Cache-Tags, and
    # a change sends the tags it makes stale as a regular expression.
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (!req.http.X-Ban-Tags) {
            return (synth(400, "X-Ban-Tags missing"));
        }
        # The expression is not quoted: a regular expression without spaces.
        if (req.http.X-Ban-Tags ~ "\s") {
            return (synth(400, "X-Ban-Tags has a space"));
        }
        if (std.ban("obj.http.X-Cache-Tags ~ " + req.http.X-Ban-Tags)) {
            return (synth(200, "Banned"));
        }
        return (synth(400, std.ban_error()));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin)/" || req.url ~ "^/[^/]+/accounts/") {
        return (pass);
    }
    # Keep only the cookies the site reads; anyone with one of them is served by the
    # application (signed in, a message waiting, a form's token).
    if (req.http.Cookie) {
        set req.http.Cookie = ";" + req.http.Cookie;
        set req.http.Cookie = regsuball(req.http.Cookie, "; +", ";");
        set req.http.Cookie = regsuball(req.http.Cookie, ";(sessionid|csrftoken|messages)=", "; \1=");
        set req.http.Cookie = regsuball(req.http.Cookie, ";[^ ][^;]*", "");
        set req.http.Cookie = regsuball(req.http.Cookie, "^[; ]+|[; ]+$", "");
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        } else {
            return (pass);
        }
    }
}

sub vcl_backend_response {
    # Bans are tested against stored objects by Varnish's ban lurker too.
    set beresp.http.X-Url = bereq.url;
    set beresp.http.X-Host = bereq.http.host;
}

sub vcl_deliver {
    unset resp.http.X-Cache-Tags;
    unset resp.http.X-Url;
    unset resp.http.X-Host;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
