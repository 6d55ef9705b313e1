/// The OpenAPI 3.1 description of `/api/v1`, served at `/api/v1/openapi.json`.
///
/// Written once, by hand, and checked against the code: the tests compare its routes with
/// ``routes`` and call each; `Scripts/api-check.sh` validates it and runs schemathesis against a
/// running server.
enum OpenAPIDocument {
  /// Every route of the API, "METHOD /path".
  static let routes = [
    "DELETE /api/v1/deals/{id}",
    "GET /api/v1/changes",
    "GET /api/v1/companies",
    "GET /api/v1/companies/{id}",
    "GET /api/v1/deals",
    "GET /api/v1/deals/{id}",
    "GET /api/v1/deals/{id}/history",
    "GET /api/v1/loops",
    "GET /api/v1/openapi.json",
    "GET /api/v1/report",
    "GET /api/v1/review",
    "GET /api/v1/timeline",
    "POST /api/v1/deals",
    "POST /api/v1/extract",
    "POST /api/v1/projection",
    "POST /api/v1/review/{id}/accept",
    "POST /api/v1/review/{id}/merge",
    "POST /api/v1/review/{id}/reject",
    "POST /api/v1/stress",
    "PUT /api/v1/deals/{id}",
  ]

  static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "LoopLedger API",
        "version": "1.0.0",
        "description": "The ledger of circular financing deals, its loops, stress tests and funding projections. Reads are open; writes need 'Authorization: Bearer TOKEN' and a ledger store. JSON shapes are those of the CLI's --format json (docs/report-json.md, docs/stress.md, docs/projection.md, docs/extract-json.md). Errors are {\"error\": {\"message\", \"field\", \"problems\"}}."
      },
      "servers": [
        {
          "url": "/"
        }
      ],
      "paths": {
        "/api/v1/openapi.json": {
          "get": {
            "operationId": "openapi",
            "summary": "This document.",
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/report": {
          "get": {
            "operationId": "report",
            "summary": "The report: loops, companies, facts, circulation, tiers (as loopledger report --format json).",
            "parameters": [
              {
                "name": "lang",
                "in": "query",
                "required": false,
                "description": "Language of names and words (default: English, or the loopledger_lang cookie).",
                "schema": {
                  "type": "string",
                  "enum": [
                    "en",
                    "zh-Hant",
                    "zh-Hans"
                  ]
                }
              },
              {
                "name": "limit",
                "in": "query",
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 100000
                }
              },
              {
                "name": "max_length",
                "in": "query",
                "description": "Only loops of at most this many steps (0: any).",
                "schema": {
                  "type": "integer",
                  "minimum": 0,
                  "maximum": 64
                }
              },
              {
                "name": "as_of",
                "in": "query",
                "description": "The ledger as it stood on this date (as --as-of): deals reported by then, with the status they had then.",
                "schema": {
                  "type": "string",
                  "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
                }
              },
              {
                "name": "company",
                "in": "query",
                "description": "Only loops through this company id.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Report"
                    }
                  }
                }
              },
              "400": {
                "description": "A parameter is out of range.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "404": {
                "description": "No such company.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/timeline": {
          "get": {
            "operationId": "timeline",
            "summary": "The loop through time: per quarter or year, the loops with round trips per certainty tier and the money going round per tier (as loopledger report --timeline PERIOD --format json).",
            "parameters": [
              {
                "name": "period",
                "in": "query",
                "schema": {
                  "type": "string",
                  "enum": [
                    "quarter",
                    "year"
                  ]
                }
              },
              {
                "name": "lang",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "enum": [
                    "en",
                    "zh-Hant",
                    "zh-Hans"
                  ]
                }
              }
            ],
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "required": [
                        "ledger",
                        "period",
                        "points"
                      ],
                      "description": "docs/report-json.md"
                    }
                  }
                }
              },
              "400": {
                "description": "An unknown period.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/loops": {
          "get": {
            "operationId": "loops",
            "summary": "The ranked loops (as loopledger loops --format json).",
            "parameters": [
              {
                "name": "lang",
                "in": "query",
                "required": false,
                "description": "Language of names and words (default: English, or the loopledger_lang cookie).",
                "schema": {
                  "type": "string",
                  "enum": [
                    "en",
                    "zh-Hant",
                    "zh-Hans"
                  ]
                }
              },
              {
                "name": "limit",
                "in": "query",
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 100000
                }
              },
              {
                "name": "max_length",
                "in": "query",
                "schema": {
                  "type": "integer",
                  "minimum": 0,
                  "maximum": 64
                }
              },
              {
                "name": "as_of",
                "in": "query",
                "description": "The ledger as it stood on this date (as --as-of): deals reported by then, with the status they had then.",
                "schema": {
                  "type": "string",
                  "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
                }
              },
              {
                "name": "company",
                "in": "query",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/LoopList"
                    }
                  }
                }
              },
              "400": {
                "description": "A parameter is out of range.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "404": {
                "description": "No such company.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/companies": {
          "get": {
            "operationId": "listCompanies",
            "summary": "Every company of the ledger.",
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/CompanyList"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/companies/{id}": {
          "get": {
            "operationId": "getCompany",
            "summary": "One company: its report row (self-funded share), flows in and out by counterparty, facts, loops.",
            "parameters": [
              {
                "name": "id",
                "in": "path",
                "required": true,
                "description": "Company id, e.g. openai.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/CompanyDetail"
                    }
                  }
                }
              },
              "404": {
                "description": "No such company.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/deals": {
          "get": {
            "operationId": "listDeals",
            "summary": "Deals in ledger order, filtered and paged.",
            "parameters": [
              {
                "name": "company",
                "in": "query",
                "schema": {
                  "type": "string"
                },
                "description": "Payer or payee."
              },
              {
                "name": "payer",
                "in": "query",
                "schema": {
                  "type": "string"
                },
                "description": "Payer id."
              },
              {
                "name": "payee",
                "in": "query",
                "schema": {
                  "type": "string"
                },
                "description": "Payee id."
              },
              {
                "name": "kind",
                "in": "query",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "status",
                "in": "query",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "offset",
                "in": "query",
                "schema": {
                  "type": "integer",
                  "minimum": 0,
                  "maximum": 2147483647
                }
              },
              {
                "name": "limit",
                "in": "query",
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 1000
                }
              }
            ],
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/DealPage"
                    }
                  }
                }
              },
              "400": {
                "description": "A filter or paging value is wrong.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "404": {
                "description": "No such company.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              }
            }
          },
          "post": {
            "operationId": "createDeal",
            "summary": "Add a deal (ledger-format deal object).",
            "security": [
              {
                "bearer": []
              }
            ],
            "parameters": [
              {
                "name": "why",
                "in": "query",
                "required": false,
                "description": "Why the change is made (kept in the history).",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/Deal"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "Created.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/DealWritten"
                    }
                  }
                }
              },
              "409": {
                "description": "A deal with this id exists.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/WritesOff"
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/NotJSON"
              },
              "422": {
                "$ref": "#/components/responses/InvalidFields"
              }
            }
          }
        },
        "/api/v1/deals/{id}": {
          "get": {
            "operationId": "getDeal",
            "summary": "One deal, also a removed one from the store.",
            "parameters": [
              {
                "name": "id",
                "in": "path",
                "required": true,
                "description": "Deal id.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/DealDetail"
                    }
                  }
                }
              },
              "404": {
                "description": "No such deal.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              }
            }
          },
          "put": {
            "operationId": "replaceDeal",
            "summary": "Replace a deal (same id).",
            "security": [
              {
                "bearer": []
              }
            ],
            "parameters": [
              {
                "name": "id",
                "in": "path",
                "required": true,
                "description": "Deal id.",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "why",
                "in": "query",
                "required": false,
                "description": "Why the change is made (kept in the history).",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/Deal"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/DealWritten"
                    }
                  }
                }
              },
              "404": {
                "description": "No such deal.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "409": {
                "description": "Conflict.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/WritesOff"
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/NotJSON"
              },
              "422": {
                "$ref": "#/components/responses/InvalidFields"
              }
            }
          },
          "delete": {
            "operationId": "removeDeal",
            "summary": "Remove a deal (kept in the history; undo restores it).",
            "security": [
              {
                "bearer": []
              }
            ],
            "parameters": [
              {
                "name": "id",
                "in": "path",
                "required": true,
                "description": "Deal id.",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "why",
                "in": "query",
                "required": false,
                "description": "Why the change is made (kept in the history).",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/DealRemoved"
                    }
                  }
                }
              },
              "409": {
                "description": "Already removed, or another deal names it.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "404": {
                "description": "No such deal.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/WritesOff"
              }
            }
          }
        },
        "/api/v1/deals/{id}/history": {
          "get": {
            "operationId": "dealHistory",
            "summary": "Every change that touched the deal, oldest first (empty for a fixed ledger).",
            "parameters": [
              {
                "name": "id",
                "in": "path",
                "required": true,
                "description": "Deal id.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ChangeList"
                    }
                  }
                }
              },
              "404": {
                "description": "No such deal.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/changes": {
          "get": {
            "operationId": "recentChanges",
            "summary": "The newest changes of the store, newest first.",
            "parameters": [
              {
                "name": "limit",
                "in": "query",
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 1000
                }
              }
            ],
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ChangeSummaryList"
                    }
                  }
                }
              },
              "400": {
                "description": "limit out of range.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/stress": {
          "post": {
            "operationId": "stress",
            "summary": "Run a stress scenario (the loopledger-stress-scenario format of --scenario FILE).",
            "parameters": [
              {
                "name": "lang",
                "in": "query",
                "required": false,
                "description": "Language of names and words (default: English, or the loopledger_lang cookie).",
                "schema": {
                  "type": "string",
                  "enum": [
                    "en",
                    "zh-Hant",
                    "zh-Hans"
                  ]
                }
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/StressScenario"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/StressResult"
                    }
                  }
                }
              },
              "400": {
                "description": "Bad request.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "404": {
                "description": "A shock names an unknown company or deal.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/NotJSON"
              },
              "422": {
                "description": "The scenario's problems, all at once.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/projection": {
          "post": {
            "operationId": "projection",
            "summary": "Run a funding projection for a company.",
            "parameters": [
              {
                "name": "lang",
                "in": "query",
                "required": false,
                "description": "Language of names and words (default: English, or the loopledger_lang cookie).",
                "schema": {
                  "type": "string",
                  "enum": [
                    "en",
                    "zh-Hant",
                    "zh-Hans"
                  ]
                }
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/ProjectionRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Projection"
                    }
                  }
                }
              },
              "400": {
                "description": "Bad request.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "404": {
                "description": "No such company.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/NotJSON"
              },
              "422": {
                "description": "A field is wrong.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/extract": {
          "post": {
            "operationId": "extract",
            "summary": "Candidate deals in an article (as loopledger extract --format json).",
            "parameters": [
              {
                "name": "date",
                "in": "query",
                "description": "The article's date, YYYY[-MM[-DD]].",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "file",
                "in": "query",
                "description": "A name for the article in the answer.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "text/plain": {
                  "schema": {
                    "type": "string"
                  }
                },
                "text/html": {
                  "schema": {
                    "type": "string"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Extraction"
                    }
                  }
                }
              },
              "400": {
                "description": "Bad date.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "description": "Not text.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "422": {
                "description": "Not UTF-8.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/review": {
          "get": {
            "operationId": "reviewQueue",
            "summary": "Candidates from the news waiting for review, each with its draft deal and likely duplicates.",
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ReviewList"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/review/{id}/accept": {
          "post": {
            "operationId": "reviewAccept",
            "summary": "Accept a candidate as a new deal (with corrections).",
            "security": [
              {
                "bearer": []
              }
            ],
            "parameters": [
              {
                "name": "id",
                "in": "path",
                "required": true,
                "description": "Candidate id.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "requestBody": {
              "required": false,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/Decision"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/DecisionResult"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/NotAnObject"
              },
              "404": {
                "description": "No such candidate or deal.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "409": {
                "description": "Not pending, or the deal exists.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/WritesOff"
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/NotJSON"
              },
              "422": {
                "$ref": "#/components/responses/InvalidFields"
              }
            }
          }
        },
        "/api/v1/review/{id}/reject": {
          "post": {
            "operationId": "reviewReject",
            "summary": "Reject a candidate ('why' required).",
            "security": [
              {
                "bearer": []
              }
            ],
            "parameters": [
              {
                "name": "id",
                "in": "path",
                "required": true,
                "description": "Candidate id.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "requestBody": {
              "required": false,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/Decision"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/DecisionResult"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/NotAnObject"
              },
              "404": {
                "description": "No such candidate or deal.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "409": {
                "description": "Not pending, or the deal exists.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/WritesOff"
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/NotJSON"
              },
              "422": {
                "$ref": "#/components/responses/InvalidFields"
              }
            }
          }
        },
        "/api/v1/review/{id}/merge": {
          "post": {
            "operationId": "reviewMerge",
            "summary": "Add the candidate's quote to an existing deal ('into').",
            "security": [
              {
                "bearer": []
              }
            ],
            "parameters": [
              {
                "name": "id",
                "in": "path",
                "required": true,
                "description": "Candidate id.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "requestBody": {
              "required": false,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/Decision"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/DecisionResult"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/NotAnObject"
              },
              "404": {
                "description": "No such candidate or deal.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "409": {
                "description": "Not pending, or the deal exists.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/WritesOff"
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/NotJSON"
              },
              "422": {
                "$ref": "#/components/responses/InvalidFields"
              }
            }
          }
        }
      },
      "components": {
        "securitySchemes": {
          "bearer": {
            "type": "http",
            "scheme": "bearer",
            "description": "The token given to loopledger serve (--token or LOOPLEDGER_TOKEN)."
          }
        },
        "schemas": {
          "Error": {
            "type": "object",
            "required": [
              "error"
            ],
            "properties": {
              "error": {
                "type": "object",
                "required": [
                  "message"
                ],
                "properties": {
                  "message": {
                    "type": "string"
                  },
                  "field": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "problems": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": [
                        "problem"
                      ],
                      "properties": {
                        "entry": {
                          "type": [
                            "string",
                            "null"
                          ]
                        },
                        "field": {
                          "type": [
                            "string",
                            "null"
                          ]
                        },
                        "problem": {
                          "type": "string"
                        },
                        "line": {
                          "type": [
                            "integer",
                            "null"
                          ]
                        },
                        "column": {
                          "type": [
                            "integer",
                            "null"
                          ]
                        }
                      }
                    }
                  }
                }
              }
            }
          },
          "Deal": {
            "type": "object",
            "required": [
              "id",
              "payer",
              "payee",
              "kind",
              "status",
              "amount"
            ],
            "description": "A deal as in the ledger format (docs/ledger-format.md).",
            "properties": {
              "id": {
                "type": "string"
              },
              "payer": {
                "type": "string"
              },
              "payee": {
                "type": "string"
              },
              "kind": {
                "type": "string"
              },
              "status": {
                "type": "string",
                "enum": [
                  "talks",
                  "planned",
                  "announced",
                  "closed",
                  "implied",
                  "cancelled",
                  "superseded"
                ]
              },
              "amount": {
                "type": "object"
              },
              "announced": {
                "type": "string"
              },
              "termYears": {
                "type": "number"
              },
              "sources": {
                "type": "array",
                "items": {
                  "type": "object"
                }
              },
              "note": {
                "type": "string"
              },
              "supersededBy": {
                "type": "string"
              },
              "supersedes": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              }
            }
          },
          "Company": {
            "type": "object",
            "required": [
              "id",
              "names"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "names": {
                "type": "object"
              },
              "aliases": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "parent": {
                "type": "string"
              }
            }
          },
          "CompanyList": {
            "type": "object",
            "required": [
              "ledger",
              "companies"
            ],
            "properties": {
              "ledger": {
                "type": "string"
              },
              "companies": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Company"
                }
              }
            }
          },
          "CompanyDetail": {
            "type": "object",
            "required": [
              "company",
              "flowsIn",
              "flowsOut",
              "facts",
              "loops"
            ],
            "properties": {
              "company": {
                "$ref": "#/components/schemas/Company"
              },
              "summary": {
                "type": "object"
              },
              "flowsIn": {
                "type": "array",
                "items": {
                  "type": "object"
                }
              },
              "flowsOut": {
                "type": "array",
                "items": {
                  "type": "object"
                }
              },
              "facts": {
                "type": "array",
                "items": {
                  "type": "object"
                }
              },
              "loops": {
                "type": "array",
                "items": {
                  "type": "integer"
                }
              }
            }
          },
          "DealPage": {
            "type": "object",
            "required": [
              "total",
              "offset",
              "limit",
              "deals"
            ],
            "properties": {
              "total": {
                "type": "integer"
              },
              "offset": {
                "type": "integer"
              },
              "limit": {
                "type": "integer"
              },
              "deals": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Deal"
                }
              }
            }
          },
          "DealDetail": {
            "type": "object",
            "required": [
              "deal",
              "removed"
            ],
            "properties": {
              "deal": {
                "$ref": "#/components/schemas/Deal"
              },
              "removed": {
                "type": "boolean"
              }
            }
          },
          "DealWritten": {
            "type": "object",
            "required": [
              "deal"
            ],
            "properties": {
              "deal": {
                "$ref": "#/components/schemas/Deal"
              },
              "change": {
                "type": [
                  "integer",
                  "null"
                ]
              }
            }
          },
          "DealRemoved": {
            "type": "object",
            "required": [
              "removed",
              "change"
            ],
            "properties": {
              "removed": {
                "type": "string"
              },
              "change": {
                "type": "integer"
              }
            }
          },
          "Change": {
            "type": "object",
            "required": [
              "id",
              "time",
              "actor",
              "command",
              "items"
            ],
            "properties": {
              "id": {
                "type": "integer"
              },
              "time": {
                "type": "string"
              },
              "actor": {
                "type": "string"
              },
              "command": {
                "type": "string"
              },
              "reason": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "undoes": {
                "type": [
                  "integer",
                  "null"
                ]
              },
              "items": {
                "type": "array",
                "items": {
                  "type": "object"
                }
              }
            }
          },
          "ChangeList": {
            "type": "object",
            "required": [
              "changes"
            ],
            "properties": {
              "changes": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Change"
                }
              }
            }
          },
          "ChangeSummaryList": {
            "type": "object",
            "required": [
              "changes"
            ],
            "properties": {
              "changes": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": [
                    "id",
                    "time",
                    "actor",
                    "command",
                    "itemCount",
                    "firstEntities"
                  ]
                }
              }
            }
          },
          "LoopList": {
            "type": "object",
            "required": [
              "complete",
              "loops"
            ],
            "properties": {
              "complete": {
                "type": "boolean"
              },
              "loops": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": [
                    "path",
                    "steps",
                    "roundTrip"
                  ]
                }
              }
            }
          },
          "Report": {
            "type": "object",
            "required": [
              "reportVersion",
              "ledger",
              "loops",
              "companies",
              "facts"
            ],
            "description": "docs/report-json.md"
          },
          "StressScenario": {
            "type": "object",
            "properties": {
              "format": {
                "type": "string",
                "const": "loopledger-stress-scenario"
              },
              "version": {
                "type": "integer"
              },
              "name": {
                "type": "string"
              },
              "description": {
                "type": "string"
              },
              "parameters": {
                "type": "object"
              },
              "shocks": {
                "type": "array",
                "items": {
                  "type": "object"
                }
              }
            }
          },
          "StressResult": {
            "type": "object",
            "required": [
              "reportVersion",
              "scenario",
              "low",
              "estimate",
              "high"
            ],
            "description": "docs/stress.md"
          },
          "ProjectionRequest": {
            "type": "object",
            "required": [
              "company"
            ],
            "additionalProperties": false,
            "properties": {
              "company": {
                "type": "string",
                "description": "Company id or name."
              },
              "from": {
                "type": "integer",
                "minimum": 1900,
                "maximum": 2200
              },
              "to": {
                "type": "integer",
                "minimum": 1900,
                "maximum": 2200
              },
              "paths": {
                "type": "integer",
                "minimum": 1,
                "maximum": 20000
              },
              "seed": {
                "type": "integer",
                "minimum": 0,
                "maximum": 2147483647
              },
              "schedule": {
                "type": "string",
                "enum": [
                  "even",
                  "front",
                  "back"
                ]
              },
              "sensitivity": {
                "type": "boolean"
              },
              "scenario": {
                "type": "object",
                "description": "A projection scenario (docs/projection.md)."
              }
            }
          },
          "Projection": {
            "type": "object",
            "required": [
              "company",
              "from",
              "to",
              "years",
              "fanChart"
            ],
            "description": "docs/projection.md"
          },
          "Extraction": {
            "type": "object",
            "required": [
              "format",
              "articles"
            ],
            "description": "docs/extract-json.md"
          },
          "ReviewList": {
            "type": "object",
            "required": [
              "pending"
            ],
            "properties": {
              "pending": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": [
                    "candidate",
                    "draft",
                    "duplicates",
                    "problems"
                  ]
                }
              }
            }
          },
          "Decision": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
              "set": {
                "type": "array",
                "items": {
                  "type": "string"
                },
                "description": "FIELD=VALUE corrections, as deal edit --set."
              },
              "why": {
                "type": "string"
              },
              "into": {
                "type": "string",
                "description": "merge: the deal to merge into."
              }
            }
          },
          "DecisionResult": {
            "type": "object",
            "required": [
              "candidate",
              "change"
            ],
            "properties": {
              "candidate": {
                "type": "object"
              },
              "change": {
                "type": "integer"
              }
            }
          }
        },
        "responses": {
          "InvalidFields": {
            "description": "The body's fields are wrong; every problem listed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "NotAnObject": {
            "description": "The body is not a JSON object.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "NotJSON": {
            "description": "Not application/json.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "TooLarge": {
            "description": "Body larger than --max-body.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "Unauthorized": {
            "description": "No or a wrong bearer token.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "WritesOff": {
            "description": "Writes are off (no store or no token).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    }
    """#
}
