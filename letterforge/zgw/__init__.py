"""Filing letters in the zaak through the ZGW APIs (Documenten, Zaken, Besluiten).

An edge like web and cli: the HTTP client lives here, the core knows nothing of it.
"""

from letterforge.zgw.config import ZgwConfig, load_zgw_config
from letterforge.zgw.filing import FilingInput, file_letter

__all__ = ["FilingInput", "ZgwConfig", "file_letter", "load_zgw_config"]
