"""How to say who she is in a sentence ("vous êtes …", "elle est …"): her statut, her phase, and the words for her or
for the woman a relative or a professional asks for. Read by the aids' evaluation and by every section of her
parcours."""

from guichet.enums import ForWhom, Phase, ProfessionalStatus

STATUS_PHRASES = {
    ProfessionalStatus.ARTISAN: "artisane",
    ProfessionalStatus.TRADER: "commerçante",
    ProfessionalStatus.LIBERAL_UNREGULATED: "en profession libérale non réglementée",
    ProfessionalStatus.MICRO: "micro-entrepreneuse",
    ProfessionalStatus.LIBERAL_REGULATED: "en profession libérale réglementée",
    ProfessionalStatus.MANAGER_SARL: "gérante majoritaire de SARL ou d'EURL",
    ProfessionalStatus.PRESIDENT_SAS: "présidente de SAS ou de SASU",
    ProfessionalStatus.SPOUSE: "conjointe collaboratrice",
    ProfessionalStatus.FARMER: "agricultrice",
}
PHASE_PHRASES = {
    Phase.PREVENTION: "vous créez ou gérez votre activité",
    Phase.TREATMENT: "en traitement",
    Phase.AFTER: "après les traitements",
}


def subject(profile) -> dict:
    """The words for her, or for the woman a relative or a professional asks for."""
    if getattr(profile, "for_whom", "") in (ForWhom.RELATIVE, ForWhom.PROFESSIONAL):
        return {"is": "elle est", "object": "la", "home": "elle", "you": "elle"}
    return {"is": "vous êtes", "object": "vous", "home": "vous", "you": "vous"}
