"""File one final letter in its zaak: document, link to the zaak, besluit.

Each step first looks up what an earlier attempt may already have created (the
document by identificatie = our kenmerk, the links by their two URLs, the besluit
by identificatie), so a retry after a timeout never makes a second one.

Steps, in the order Open Zaak needs them (a BesluitInformatieObject requires the
document to be linked to the besluit's zaak first):
1. Documenten API: EnkelvoudigInformatieObject with the PDF/A (and the DOCX if set);
2. Zaken API: ZaakInformatieObject;
3. Besluiten API: Besluit (for templates with a besluittype) and
   BesluitInformatieObject.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from letterforge.errors import FilingError
from letterforge.zgw.client import ZgwClient
from letterforge.zgw.config import ZgwConfig

IDENTIFICATIE_MAX = 40  # EnkelvoudigInformatieObject.identificatie, Documenten API
BESLUIT_IDENTIFICATIE_MAX = 50  # Besluit.identificatie, Besluiten API
TITEL_MAX = 200


@dataclass(frozen=True)
class Attachment:
    """One file to store as an EnkelvoudigInformatieObject."""

    identificatie: str
    content: bytes
    bestandsnaam: str
    formaat: str
    informatieobjecttype: str


@dataclass(frozen=True)
class FilingInput:
    """What the filing needs to know about a final letter (plain data).

    letter_date is the besluit's datum and ingangsdatum; bezwaar_deadline (Awb
    6:7/6:8, from compose.deadlines) is its uiterlijkeReactiedatum.
    """

    kenmerk: str
    titel: str
    template_id: str
    zaak_url: str
    letter_date: date
    bezwaar_deadline: date
    pdf: bytes
    pdf_name: str
    docx: bytes | None = None
    docx_name: str | None = None


Progress = Callable[[dict[str, Any]], None]


def _attachments(config: ZgwConfig, item: FilingInput) -> list[Attachment]:
    if len(item.kenmerk) > IDENTIFICATIE_MAX - len("-docx"):
        raise FilingError(
            f"het kenmerk is te lang voor de Documenten API "
            f"(hoogstens {IDENTIFICATIE_MAX - 5} tekens)"
        )
    found = [
        Attachment(
            item.kenmerk,
            item.pdf,
            item.pdf_name,
            "application/pdf",
            config.informatieobjecttype,
        )
    ]
    if config.file_docx and item.docx is not None:
        found.append(
            Attachment(
                f"{item.kenmerk}-docx",
                item.docx,
                item.docx_name or f"{item.kenmerk}.docx",
                "application/vnd.openxmlformats-officedocument."
                "wordprocessingml.document",
                config.docx_informatieobjecttype or config.informatieobjecttype,
            )
        )
    return found


def _document_body(
    config: ZgwConfig, item: FilingInput, file: Attachment, chunked: bool
) -> dict[str, Any]:
    return {
        "identificatie": file.identificatie,
        "bronorganisatie": config.rsin,
        "creatiedatum": item.letter_date.isoformat(),
        "titel": item.titel[:TITEL_MAX],
        "vertrouwelijkheidaanduiding": config.vertrouwelijkheidaanduiding,
        "auteur": config.auteur,
        "status": "definitief",
        "formaat": file.formaat,
        "taal": "nld",
        "bestandsnaam": file.bestandsnaam,
        # With bestandsdelen the content follows in parts; inhoud stays empty.
        "inhoud": None if chunked else base64.b64encode(file.content).decode("ascii"),
        "bestandsomvang": len(file.content),
        "indicatieGebruiksrecht": False,
        "integriteit": {
            "algoritme": "sha_256",
            "waarde": hashlib.sha256(file.content).hexdigest(),
            "datum": item.letter_date.isoformat(),
        },
        "informatieobjecttype": file.informatieobjecttype,
    }


def _upload_parts(client: ZgwClient, created: dict[str, Any], content: bytes) -> None:
    """Send the content in the parts the Documenten API asked for, then unlock."""
    lock = str(created.get("lock", ""))
    offset = 0
    for part in sorted(created.get("bestandsdelen", []), key=lambda p: p["volgnummer"]):
        size = int(part["omvang"])
        chunk = content[offset : offset + size]
        offset += size
        client.request(
            "PUT",
            str(part["url"]),
            files={"inhoud": ("deel.bin", chunk, "application/octet-stream")},
            data={"lock": lock},
            expect=(200,),
        )
    client.request(
        "POST",
        str(created["url"]).rstrip("/") + "/unlock",
        json={"lock": lock},
        expect=(204,),
    )


def _document(
    client: ZgwClient, config: ZgwConfig, item: FilingInput, file: Attachment
) -> str:
    root = f"{config.documenten_api}enkelvoudiginformatieobjecten"
    found = client.find_one(
        root, {"identificatie": file.identificatie, "bronorganisatie": config.rsin}
    )
    if found is not None:
        if found.get("locked"):
            raise FilingError(
                f"het document {found['url']} is nog vergrendeld van een eerdere "
                "poging; de beheerder moet het ontgrendelen of verwijderen"
            )
        return str(found["url"])
    chunked = len(file.content) >= config.chunk_from_bytes
    created = client.request(
        "POST", root, json=_document_body(config, item, file, chunked), expect=(201,)
    )
    if chunked:
        _upload_parts(client, created, file.content)
    return str(created["url"])


def _zaak_link(
    client: ZgwClient, config: ZgwConfig, item: FilingInput, document: str
) -> str:
    root = f"{config.zaken_api}zaakinformatieobjecten"
    query = {"zaak": item.zaak_url, "informatieobject": document}
    found = client.find_one(root, query)
    if found is not None:
        return str(found["url"])
    body = {**query, "titel": item.titel[:TITEL_MAX]}
    return str(client.request("POST", root, json=body, expect=(201,))["url"])


def _besluit(
    client: ZgwClient, config: ZgwConfig, item: FilingInput, besluittype: str
) -> str:
    root = f"{config.besluiten_api}besluiten"
    identificatie = item.kenmerk[:BESLUIT_IDENTIFICATIE_MAX]
    found = client.find_one(
        root,
        {"identificatie": identificatie, "verantwoordelijkeOrganisatie": config.rsin},
    )
    if found is not None:
        return str(found["url"])
    body = {
        "identificatie": identificatie,
        "verantwoordelijkeOrganisatie": config.rsin,
        "besluittype": besluittype,
        "zaak": item.zaak_url,
        "datum": item.letter_date.isoformat(),
        # A besluit takes effect once it is made known (Awb 3:40); we date it
        # by the letter that makes it known.
        "ingangsdatum": item.letter_date.isoformat(),
        "uiterlijkeReactiedatum": item.bezwaar_deadline.isoformat(),
    }
    return str(client.request("POST", root, json=body, expect=(201,))["url"])


def _besluit_link(
    client: ZgwClient, config: ZgwConfig, besluit: str, document: str
) -> str:
    root = f"{config.besluiten_api}besluitinformatieobjecten"
    query = {"besluit": besluit, "informatieobject": document}
    found = client.find_one(root, query)
    if found is not None:
        return str(found["url"])
    return str(client.request("POST", root, json=query, expect=(201,))["url"])


def file_letter(
    client: ZgwClient,
    item: FilingInput,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """File `item` in its zaak; the URLs created (or found), by kind.

    Shape: {"documenten": [url, ...], "zaakinformatieobjecten": [url, ...],
    "besluit": url (only with a besluittype), "besluitinformatieobjecten": [...]}.
    Raises FilingError (Dutch, without personal data) on any failure; calling it
    again after a failure is safe. `progress` gets the URLs after each step.
    """
    config = client.config
    if not item.zaak_url.startswith(f"{config.zaken_api}zaken/"):
        # The Zaken API refuses a zaak of another API anyway; we say so before we
        # store a document that could not be linked.
        raise FilingError(
            "de zaak-URL hoort niet bij de ingestelde Zaken API "
            f"({config.zaken_api}zaken/...)"
        )
    results: dict[str, Any] = {}

    def done(key: str, value: Any) -> None:
        results[key] = value
        if progress is not None:
            progress(dict(results))

    documents = [_document(client, config, item, f) for f in _attachments(config, item)]
    done("documenten", documents)
    done(
        "zaakinformatieobjecten",
        [_zaak_link(client, config, item, d) for d in documents],
    )
    besluittype = config.besluittypen.get(item.template_id)
    if besluittype:
        besluit = _besluit(client, config, item, besluittype)
        done("besluit", besluit)
        done(
            "besluitinformatieobjecten",
            [_besluit_link(client, config, besluit, d) for d in documents],
        )
    return results
