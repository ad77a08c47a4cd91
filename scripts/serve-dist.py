#!/usr/bin/env python3
"""Serves a built site the way GitHub Pages does: under a sub-path, `/x` from `x.html` when
there is one, 404.html (status 404) for any other path that is not a file, which is what
makes deep links work there, and gzip for clients that accept it (as GitHub Pages
compresses its responses).

Usage: serve-dist.py DIST_DIR PUBLIC_URL [PORT] [--spa]   e.g. serve-dist.py dist /threat-atlas/ 8081
--spa answers unknown paths with index.html and status 200 instead, for Lighthouse, which
refuses to audit a page that arrives with status 404.
"""
import gzip
import http.server
import io
import os
import sys

spa = "--spa" in sys.argv
args = [a for a in sys.argv[1:] if a != "--spa"]
dist, prefix = os.path.abspath(args[0]), args[1]
port = int(args[2]) if len(args) > 2 else 8081
prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=dist, **kwargs)

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path + "/" == prefix:
            path = prefix
        if not path.startswith(prefix):
            return self.not_found(outside=True)
        rel = path[len(prefix):] or "index.html"
        if rel.endswith("/"):
            rel += "index.html"
        full = os.path.realpath(os.path.join(dist, rel))
        # GitHub Pages serves /timeline from timeline.html when there is one.
        if not os.path.isfile(full) and os.path.isfile(full + ".html"):
            full += ".html"
        if not full.startswith(dist + os.sep) or not os.path.isfile(full):
            return self.not_found()
        self.path = "/" + os.path.relpath(full, dist)
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(open(full, "rb").read(), 9)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(full))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def not_found(self, outside=False):
        body = open(os.path.join(dist, "404.html"), "rb").read()
        self.send_response(200 if spa and not outside else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return __import__("io").BytesIO(body)


print(f"Serving {dist} at http://127.0.0.1:{port}{prefix}", flush=True)
http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
