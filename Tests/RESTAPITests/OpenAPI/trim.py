#!/usr/bin/env python3
"""Trims Twilio's OpenAPI descriptions (twilio/twilio-oai, spec/json) to the operations
Switchboard emulates, with the components they reference, for the conformance test.

    python3 trim.py PATH/TO/twilio-oai/spec/json
"""
import json
import os
import sys

OPERATIONS = {
    "twilio_api_v2010.json": [
        "CreateMessage", "ListMessage", "FetchMessage", "UpdateMessage", "DeleteMessage", "ListMedia", "FetchMedia", "DeleteMedia",
        "CreateCall", "ListCall", "FetchCall", "UpdateCall", "DeleteCall",
        "ListRecording", "FetchRecording", "DeleteRecording", "ListCallRecording", "FetchCallRecording", "DeleteCallRecording",
        "CreateIncomingPhoneNumber", "CreateIncomingPhoneNumberLocal", "CreateIncomingPhoneNumberMobile",
        "CreateIncomingPhoneNumberTollFree", "ListIncomingPhoneNumber", "FetchIncomingPhoneNumber", "UpdateIncomingPhoneNumber",
        "DeleteIncomingPhoneNumber", "ListAvailablePhoneNumberLocal", "ListAvailablePhoneNumberMobile",
        "ListAvailablePhoneNumberTollFree",
    ],
    "twilio_messaging_v1.json": [
        "CreateService", "ListService", "FetchService", "UpdateService", "DeleteService",
        "CreatePhoneNumber", "ListPhoneNumber", "FetchPhoneNumber", "DeletePhoneNumber",
    ],
    "twilio_proxy_v1.json": [
        "CreateService", "ListService", "FetchService", "UpdateService", "DeleteService",
        "CreatePhoneNumber", "ListPhoneNumber", "FetchPhoneNumber", "UpdatePhoneNumber", "DeletePhoneNumber",
        "CreateSession", "ListSession", "FetchSession", "UpdateSession", "DeleteSession",
        "CreateParticipant", "ListParticipant", "FetchParticipant", "DeleteParticipant",
        "CreateMessageInteraction", "ListMessageInteraction", "FetchMessageInteraction",
        "ListInteraction", "FetchInteraction", "DeleteInteraction",
    ],
    "twilio_conversations_v1.json": [
        "FetchConfiguration", "UpdateConfiguration", "FetchConfigurationWebhook", "UpdateConfigurationWebhook",
        "CreateService", "ListService", "FetchService", "DeleteService", "FetchServiceConfiguration",
        "UpdateServiceConfiguration", "FetchServiceWebhookConfiguration", "UpdateServiceWebhookConfiguration",
        "CreateConversation", "CreateServiceConversation", "ListConversation", "ListServiceConversation",
        "FetchConversation", "FetchServiceConversation", "UpdateConversation", "UpdateServiceConversation",
        "DeleteConversation", "DeleteServiceConversation", "CreateConversationParticipant",
        "CreateServiceConversationParticipant", "ListConversationParticipant", "ListServiceConversationParticipant",
        "FetchConversationParticipant", "FetchServiceConversationParticipant", "UpdateConversationParticipant",
        "UpdateServiceConversationParticipant", "DeleteConversationParticipant",
        "DeleteServiceConversationParticipant", "CreateConversationMessage", "CreateServiceConversationMessage",
        "ListConversationMessage", "ListServiceConversationMessage", "FetchConversationMessage",
        "FetchServiceConversationMessage", "UpdateConversationMessage", "UpdateServiceConversationMessage",
        "DeleteConversationMessage", "DeleteServiceConversationMessage", "ListConversationMessageReceipt",
        "ListServiceConversationMessageReceipt", "FetchConversationMessageReceipt",
        "FetchServiceConversationMessageReceipt", "CreateConversationScopedWebhook",
        "CreateServiceConversationScopedWebhook", "ListConversationScopedWebhook",
        "ListServiceConversationScopedWebhook", "FetchConversationScopedWebhook",
        "FetchServiceConversationScopedWebhook", "UpdateConversationScopedWebhook",
        "UpdateServiceConversationScopedWebhook", "DeleteConversationScopedWebhook",
        "DeleteServiceConversationScopedWebhook", "CreateUser", "CreateServiceUser", "ListUser", "ListServiceUser",
        "FetchUser", "FetchServiceUser", "UpdateUser", "UpdateServiceUser", "DeleteUser", "DeleteServiceUser",
    ],
    "twilio_serverless_v1.json": [
        "ListAsset", "CreateAsset", "FetchAsset", "DeleteAsset", "UpdateAsset", "ListAssetVersion",
        "FetchAssetVersion", "ListBuild", "CreateBuild", "FetchBuild", "DeleteBuild", "FetchBuildStatus",
        "ListDeployment", "CreateDeployment", "FetchDeployment", "ListEnvironment", "CreateEnvironment",
        "FetchEnvironment", "DeleteEnvironment", "ListFunction", "CreateFunction", "FetchFunction", "DeleteFunction",
        "UpdateFunction", "ListFunctionVersion", "FetchFunctionVersion", "FetchFunctionVersionContent", "ListService",
        "CreateService", "FetchService", "DeleteService", "UpdateService", "ListVariable", "CreateVariable",
        "FetchVariable", "UpdateVariable", "DeleteVariable", "ListLog", "FetchLog",
    ],
}


def references(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/components/"):
                found.add(value)
            else:
                references(value, found)
    elif isinstance(node, list):
        for value in node:
            references(value, found)


def trim(source, wanted):
    spec = json.load(open(source))
    paths = {}
    for path, item in spec["paths"].items():
        kept = {method: operation for method, operation in item.items()
                if isinstance(operation, dict) and operation.get("operationId") in wanted}
        if kept:
            kept.update({key: value for key, value in item.items() if key in ("parameters", "servers")})
            paths[path] = kept
    components = {}
    pending = set()
    references(paths, pending)
    done = set()
    while pending:
        reference = pending.pop()
        if reference in done:
            continue
        done.add(reference)
        _, _, kind, name = reference.split("/", 3)
        value = spec["components"][kind][name]
        components.setdefault(kind, {})[name] = value
        references(value, pending)
    if "securitySchemes" in spec.get("components", {}):
        components["securitySchemes"] = spec["components"]["securitySchemes"]
    return {key: spec[key] for key in ("openapi", "info", "servers") if key in spec} | {
        "paths": paths, "components": components, "security": spec.get("security", [])}


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    for name, wanted in OPERATIONS.items():
        trimmed = trim(os.path.join(sys.argv[1], name), set(wanted))
        with open(os.path.join(here, name), "w") as output:
            json.dump(trimmed, output, indent=1, sort_keys=True)
            output.write("\n")
