"""The browser form editor's configuration (Decap CMS; Sveltia CMS reads the same file),
generated from the schema and the data files, so the form and the checker never disagree:
every field has its widget and required flag, and every list its allowed values.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import yaml

from ..content import schema
from ..content.data import MAX_YEAR, MIN_YEAR, SiteData
from ..content.loader import Layout
from ..content.schema import FieldSpec, Kind

MEDIA_FOLDER = "anh"
DATE_FORMAT = "DD/MM/YYYY"
TIME_FORMAT = "HH:mm"
CMS_SCRIPT = "decap-cms.js"  # vendored in theme_overrides/admin/ (`make editor`)


def _widget(spec: FieldSpec, data: SiteData) -> dict[str, Any]:
    """The form widget of one field, with the values it may take."""
    kind = spec.kind
    if kind is Kind.TEXT:
        return {"widget": "text" if spec.name == "summary" else "string"}
    if kind is Kind.DATE:
        return {
            "widget": "datetime",
            "format": f"{DATE_FORMAT} {TIME_FORMAT}",
            "date_format": DATE_FORMAT,
            "time_format": TIME_FORMAT,
        }
    if kind is Kind.BOOL:
        return {"widget": "boolean", "default": False}
    if kind is Kind.YEAR:
        return {
            "widget": "number",
            "value_type": "int",
            "min": MIN_YEAR,
            "max": MAX_YEAR,
        }
    if kind is Kind.SLUG:
        return {
            "widget": "string",
            "pattern": ["^[a-z0-9]+(-[a-z0-9]+)*$", "Chữ thường không dấu, số và dấu gạch ngang"],
        }
    if kind in (Kind.TEXTS, Kind.ADDRESSES):
        return {"widget": "list"}
    if kind in (Kind.TERM, Kind.TERMS):
        assert spec.vocabulary is not None
        vocabulary = data.vocabularies[spec.vocabulary]
        if not vocabulary.lineage.timed:
            options: list[Any] = vocabulary.names()
        else:
            options = [{"label": label, "value": value} for label, value in vocabulary.choices()]
        return {"widget": "select", "options": options, "multiple": kind is Kind.TERMS}
    if kind is Kind.MODEL_REFS:
        return {
            "widget": "relation",
            "collection": "mo-hinh",
            "value_field": "{{slug}}",
            "search_fields": ["title"],
            "display_fields": ["title"],
            "multiple": True,
        }
    if kind is Kind.IMAGE:
        return {"widget": "image"}
    if kind is Kind.CHOICE:
        return {"widget": "select", "options": list(spec.choices.values())}
    if kind is Kind.RECORDS:
        return {"widget": "list", "fields": _fields(spec.fields, data)}
    raise ValueError(f"no widget for {kind}")


def _fields(specs: Sequence[FieldSpec], data: SiteData) -> list[dict[str, Any]]:
    fields = []
    for spec in specs:
        field: dict[str, Any] = {
            "label": spec.label[:1].upper() + spec.label[1:],
            "name": spec.name,
            "required": spec.required,
            **_widget(spec, data),
        }
        if spec.help:
            field["hint"] = spec.help
        fields.append(field)
    return fields


def _body(label: str) -> dict[str, Any]:
    return {"label": label, "name": "body", "widget": "markdown", "required": True}


def cms_config(
    layout: Layout, data: SiteData, repo: str, branch: str, site_url: str
) -> dict[str, Any]:
    """The whole `admin/config.yml` as data."""
    root = layout.content_root.name
    backend: dict[str, Any] = (
        {"name": "github", "repo": repo, "branch": branch} if repo else {"name": "git-gateway"}
    )
    review = {"publish_mode": "editorial_workflow"} if repo else {}
    return {
        "backend": backend,
        # Each saved article is a pull request that moves from draft to review to ready;
        # an editor in charge approves it before it reaches `main` (README, "Review").
        **review,
        "local_backend": not repo,
        "locale": "vi",
        "site_url": site_url,
        "display_url": site_url,
        "media_folder": f"{root}/{MEDIA_FOLDER}",
        "public_folder": f"/{MEDIA_FOLDER}",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            {
                "name": "tin-tuc",
                "label": "Tin tức",
                "label_singular": "bài viết",
                "folder": f"{root}/{layout.articles_dir}",
                "path": "{{year}}/{{slug}}",
                "create": True,
                "extension": "md",
                "format": "frontmatter",
                "summary": "{{title}} ({{date}})",
                "fields": [*_fields(schema.ARTICLE.fields, data), _body("Nội dung")],
            },
            {
                "name": "mo-hinh",
                "label": "Mô hình “Dân vận khéo”",
                "label_singular": "hồ sơ mô hình",
                "folder": f"{root}/{layout.models_dir}",
                "create": True,
                "extension": "md",
                "format": "frontmatter",
                "fields": [*_fields(schema.MODEL.fields, data), _body("Giới thiệu mô hình")],
            },
        ],
    }


DECAP_USER_KEY = "decap-cms-user"
"""Where Decap CMS keeps a logged-in user in the browser (`localStorage`, pinned release)."""

_TOKEN_LOGIN = """
  <main id="sb-login" hidden>
    <h1>Đăng nhập để soạn bài</h1>
    <form id="sb-token-form">
      <label for="sb-token">Mã truy cập GitHub (personal access token) của bạn</label>
      <input id="sb-token" type="password" autocomplete="off" spellcheck="false" required>
      <button type="submit">Đăng nhập</button>
    </form>
    <p>Mã chỉ được lưu trên trình duyệt của máy này. Cách tạo mã: xem mục “Đăng nhập trình
      soạn bài” trong hướng dẫn (README) của kho mã trang web. Đăng xuất trong trình soạn bài
      sẽ xóa mã khỏi máy.</p>
  </main>
  <script>
  (function () {
    "use strict";
    var key = "%(key)s";
    function start() {
      var script = document.createElement("script");
      script.src = "%(script)s";
      document.body.appendChild(script);
    }
    if (window.localStorage.getItem(key)) { start(); return; }
    var panel = document.getElementById("sb-login");
    panel.hidden = false;
    document.getElementById("sb-token-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var token = document.getElementById("sb-token").value.trim();
      if (!token) return;
      window.localStorage.setItem(key, JSON.stringify({ token: token, backendName: "github" }));
      panel.remove();
      start();
    });
  })();
  </script>
"""


def admin_page(site_name: str, token_login: bool = False) -> str:
    """The editor's page: the CMS application reads config.yml beside it.

    With `token_login` (the GitHub backend), the page first asks for the journalist's
    personal access token and stores it where Decap keeps a logged-in user, then loads
    Decap, which signs in with it: no OAuth app or proxy server is needed, and nothing
    is loaded, from this site or another, until then."""
    body = (
        _TOKEN_LOGIN % {"key": DECAP_USER_KEY, "script": CMS_SCRIPT}
        if token_login
        else f'  <script src="{CMS_SCRIPT}"></script>\n'
    )
    return f"""<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>Soạn bài – {html.escape(site_name)}</title>
  <style>
    #sb-login {{ max-width: 32rem; margin: 3rem auto; padding: 0 1rem; font-family: sans-serif; }}
    #sb-login input {{ display: block; width: 100%; margin: .5rem 0 1rem; padding: .5rem;
      font-size: 1rem; box-sizing: border-box; }}
    #sb-login button {{ padding: .5rem 1.2rem; font-size: 1rem; }}
  </style>
</head>
<body>
{body}</body>
</html>
"""


def config_yaml(config: dict[str, Any]) -> str:
    header = "# Generated by site-builder from the schema and content/_data; do not edit.\n"
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)
