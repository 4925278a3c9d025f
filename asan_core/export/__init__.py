"""Open-data exports of a franchise: ``asan export COUNTRY --format ...``.

- ``catalogue-json`` — the franchise as stable JSON (:mod:`.catalogue`); also the kit's
  ``catalogue.json`` and the input of ``asan diff``;
- ``json-schema`` — the JSON Schema of the plugin data files (:mod:`.json_schema`);
- ``cpsv-ap`` — CPSV-AP 3.2.0 JSON-LD (:mod:`.cpsv_ap`), conforming to the official shapes;
- ``schema-org`` — schema.org JSON-LD in one locale (:mod:`.schema_org`).

Every export marks illustrative data (:mod:`.honesty`); none needs the network.

The package itself imports nothing (``asan --help`` stays fast): :mod:`.formats` names the
formats, :mod:`.documents` writes them (:func:`~.documents.export_text`).
"""
