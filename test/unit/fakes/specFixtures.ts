/**
 * A connection spec that passes `sources-sdk validate` without errors (written from the facts of Adobe's Sources SDK pages), for tests
 * that push through the CLI's validation gate.
 */
export function validConnectionSpec(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, ...BODY, ...extra };
}

const BODY: Record<string, unknown> = {
  "providerId": "0ed90a81-07f4-4586-8190-b40eccef1c5a",
  "version": "1.0",
  "type": "generic-rest",
  "attributes": {
    "uiAttributes": {
      "apiFeatures": {
        "explorePaginationSupported": false
      }
    }
  },
  "authSpec": [
    {
      "name": "Basic Authentication",
      "type": "BasicAuthentication",
      "spec": {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "properties": {
          "host": {
            "type": "string"
          },
          "username": {
            "type": "string"
          },
          "password": {
            "type": "string",
            "format": "password"
          }
        },
        "required": [
          "host",
          "username",
          "password"
        ]
      }
    }
  ],
  "sourceSpec": {
    "attributes": {
      "uiAttributes": {
        "isSource": true,
        "isPreview": true,
        "isBeta": true,
        "category": {
          "key": "protocols"
        },
        "icon": {
          "key": "acmeIcon"
        },
        "description": {
          "key": "acmeDescription"
        },
        "label": {
          "key": "acmeLabel"
        }
      },
      "urlParams": {
        "host": "${host}",
        "path": "/v1/orders",
        "method": "GET"
      },
      "contentPath": {
        "path": "$.orders"
      },
      "paginationParams": {
        "type": "NONE"
      },
      "scheduleParams": {
        "scheduleStartParamName": "since",
        "scheduleEndParamName": "until",
        "scheduleStartParamFormat": "yyyy-MM-ddTHH:mm:ssZ",
        "scheduleEndParamFormat": "yyyy-MM-ddTHH:mm:ssZ"
      }
    },
    "spec": {
      "$schema": "http://json-schema.org/draft-07/schema#",
      "type": "object",
      "properties": {}
    }
  },
  "exploreSpec": {
    "name": "Resource",
    "type": "Resource",
    "requestSpec": {
      "$schema": "http://json-schema.org/draft-07/schema#",
      "type": "object"
    },
    "responseSpec": {
      "$schema": "http://json-schema.org/draft-07/schema#",
      "type": "object"
    }
  }
};
